import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/**
 * Latency samples in nanoseconds: every value kept (order statistics need ranks) and recorded
 * into node's native HDR histogram, which the evidence carries in its percentile form.
 */
export class Samples {
  private values = new Float64Array(1024);
  private count = 0;
  private sortedCache: Float64Array | undefined;
  readonly hdr: RecordableHistogram = createHistogram({ lowest: 1, highest: 3_600_000_000_000, figures: 3 });

  get length(): number {
    return this.count;
  }

  add(ns: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ns;
    this.hdr.record(Math.max(1, Math.round(ns)));
    this.sortedCache = undefined;
  }

  /** The samples in arrival order. */
  raw(): Float64Array {
    return this.values.subarray(0, this.count);
  }

  sorted(): Float64Array {
    this.sortedCache ??= Float64Array.from(this.raw()).sort();
    return this.sortedCache;
  }

  /** How many samples are <= the value. */
  countAtOrBelow(ns: number): number {
    const sorted = this.sorted();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) <= ns) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The value at a 1-based rank of sorted values. */
export function atRank(sorted: ArrayLike<number>, rank: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
