import { describe, expect, it } from 'vitest';

import { quantileRatioInterval } from '../../src/bench/stats/bootstrap.js';
import { fromBuckets, toBuckets } from '../../src/bench/stats/buckets.js';
import { exponential, seededRandom } from '../../src/bench/stats/random.js';

const draw = (n: number, scale: number, seed: number) => {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => 1e6 * scale * (1 + exponential(random, 4))).sort();
};

describe('bootstrap ratio of percentiles', () => {
  it('brackets a true 20% slowdown and excludes no change', () => {
    const reference = draw(5000, 1, 1);
    const candidate = draw(5000, 1.2, 2);
    const interval = quantileRatioInterval(candidate, reference, 0.95, seededRandom(3));
    expect(interval.low).toBeLessThan(1.2);
    expect(interval.high).toBeGreaterThan(1.2);
    expect(interval.low).toBeGreaterThan(1);
  });

  it('brackets 1 for two samples of the same distribution', () => {
    const interval = quantileRatioInterval(draw(3000, 1, 4), draw(3000, 1, 5), 0.9, seededRandom(6));
    expect(interval.low).toBeLessThan(1);
    expect(interval.high).toBeGreaterThan(1);
  });

  it('resamples literally for small samples', () => {
    const interval = quantileRatioInterval(draw(20, 2, 7), draw(20, 1, 8), 0.5, seededRandom(9));
    expect(interval.ratio).toBeGreaterThan(1);
    expect(interval.low).toBeLessThanOrEqual(interval.ratio);
    expect(interval.high).toBeGreaterThanOrEqual(interval.ratio);
  });

  it('keeps a histogram within 0.1% of every value', () => {
    const values = draw(2000, 1, 10);
    const restored = fromBuckets(toBuckets(values));
    expect(restored.length).toBe(values.length);
    values.forEach((value, i) =>
      expect(Math.abs((restored[i] as number) - value) / value).toBeLessThanOrEqual(0.005),
    );
  });
});
