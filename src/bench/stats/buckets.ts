/**
 * A compact, mergeable histogram for the evidence file: values rounded to three significant
 * digits (0.1% resolution, like HDR with 3 figures) and counted. It keeps the whole
 * distribution, so a later run can bootstrap against it and plots can be drawn from it.
 */
export type Buckets = [valueNs: number, count: number][];

function threeFigures(ns: number): number {
  if (ns <= 0) return 0;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(ns)) - 2);
  return Math.round(ns / magnitude) * magnitude;
}

export function toBuckets(sorted: Float64Array): Buckets {
  const buckets: Buckets = [];
  for (const value of sorted) {
    const key = threeFigures(value);
    const last = buckets[buckets.length - 1];
    if (last && last[0] === key) last[1]++;
    else buckets.push([key, 1]);
  }
  return buckets;
}

/** Expands buckets back into sorted values (each bucket's value repeated count times). */
export function fromBuckets(buckets: Buckets): Float64Array {
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  const out = new Float64Array(total);
  let i = 0;
  for (const [value, count] of buckets) {
    out.fill(value, i, i + count);
    i += count;
  }
  return out;
}
