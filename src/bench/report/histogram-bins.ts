import type { Buckets } from '../stats/buckets.js';

export interface Bin {
  fromMs: number;
  toMs: number;
  count: number;
}

/**
 * Groups evidence buckets into `count` equal-width bins between the smallest value and the
 * 99.9th percentile (the far tail goes in the last bin), so one outlier cannot squash the plot.
 */
export function binBuckets(buckets: Buckets, count: number): Bin[] {
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return [];
  const min = (buckets[0] as [number, number])[0];
  let seen = 0;
  let cap = min;
  for (const [value, n] of buckets) {
    seen += n;
    cap = value;
    if (seen >= total * 0.999) break;
  }
  const width = Math.max(cap - min, 1) / count;
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({
    fromMs: (min + i * width) / 1e6,
    toMs: (min + (i + 1) * width) / 1e6,
    count: 0,
  }));
  for (const [value, n] of buckets) {
    const index = Math.min(count - 1, Math.floor((value - min) / width));
    (bins[index] as Bin).count += n;
  }
  return bins;
}
