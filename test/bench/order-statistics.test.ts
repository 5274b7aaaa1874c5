import { describe, expect, it } from 'vitest';

import { binomialCdf } from '../../src/bench/stats/binomial.js';
import {
  decide,
  nearestRank,
  quantileRankInterval,
  samplesToDecide,
} from '../../src/bench/stats/order-statistics.js';
import { exponential, seededRandom } from '../../src/bench/stats/random.js';
import { atRank } from '../../src/bench/stats/samples.js';
import { lookConfidence } from '../../src/bench/scenarios/stop-rule.js';

describe('order-statistic confidence intervals', () => {
  it('gives the textbook ranks for the median of 100 samples', () => {
    // The classic distribution-free 95% interval for the median of n = 100: X(40) to X(61).
    expect(quantileRankInterval(100, 0.5, 0.95)).toEqual({ lower: 40, upper: 61 });
  });

  it('has no upper bound for p95 until 72 samples (0.95^n must fall below 2.5%)', () => {
    expect(quantileRankInterval(71, 0.95, 0.95).upper).toBeNull();
    expect(quantileRankInterval(72, 0.95, 0.95).upper).toBe(72);
  });

  it('covers the true quantile of known distributions at least as often as promised', () => {
    const random = seededRandom(42);
    const trials = 400;
    const n = 300;
    const cases = [
      { name: 'exponential(1), p95', draw: () => exponential(random, 1), p: 0.95, truth: -Math.log(0.05) },
      { name: 'uniform(0,1), p99', draw: () => random(), p: 0.99, truth: 0.99 },
      { name: 'exponential(2), median', draw: () => exponential(random, 2), p: 0.5, truth: Math.log(2) / 2 },
    ];
    for (const { name, draw, p, truth } of cases) {
      const ranks = quantileRankInterval(n, p, 0.95);
      let covered = 0;
      let above = 0;
      let below = 0;
      for (let t = 0; t < trials; t++) {
        const sorted = Float64Array.from({ length: n }, draw).sort();
        const low = ranks.lower === null ? -Infinity : atRank(sorted, ranks.lower);
        const high = ranks.upper === null ? Infinity : atRank(sorted, ranks.upper);
        if (low <= truth && truth <= high) covered++;
        else if (low > truth) above++;
        else below++;
      }
      // Nominal 95% (2.5% a side); 400 seeded trials leave about ±1.1% of sampling error.
      expect(covered / trials, name).toBeGreaterThanOrEqual(0.925);
      expect(above / trials, name).toBeLessThanOrEqual(0.05);
      expect(below / trials, name).toBeLessThanOrEqual(0.05);
    }
  });

  it('computes the binomial CDF exactly, also for large n', () => {
    // P(Bin(10, 0.5) <= 2) = (1 + 10 + 45) / 1024
    expect(binomialCdf(10, 0.5)(2)).toBeCloseTo(56 / 1024, 12);
    // P(Bin(n, 0.95) = n) = 0.95^n, so P(<= n - 1) = 1 - 0.95^n
    expect(binomialCdf(72, 0.95)(71)).toBeCloseTo(1 - 0.95 ** 72, 12);
    // Symmetry of Bin(n, 1/2) around n/2 at a million trials.
    const big = binomialCdf(1_000_001, 0.5);
    expect(big(500_000)).toBeCloseTo(0.5, 6);
    expect(big(499_000) + big(501_000)).toBeCloseTo(1, 6);
  });

  it('decides below, above or neither from the count within the bound', () => {
    expect(decide(1000, 1000, 0.95, 0.95)).toBe('below');
    expect(decide(1000, 500, 0.95, 0.95)).toBe('above');
    expect(decide(1000, 950, 0.95, 0.95)).toBe('undecided');
  });

  it('estimates how many samples would decide', () => {
    // Every sample within the bound: p95 is proven once 0.95^n <= 2.5%, at n = 72.
    const needed = samplesToDecide(10, 10, 0.95, 0.95);
    expect(needed).toBeGreaterThanOrEqual(72);
    expect(needed).toBeLessThanOrEqual(74);
    // Exactly on the bound: no sample count decides.
    expect(samplesToDecide(100, 95, 0.95, 0.95, 1e6)).toBeNull();
  });

  it('takes the nearest-rank percentile', () => {
    expect(nearestRank(100, 0.95)).toBe(95);
    expect(nearestRank(10, 0.999)).toBe(10);
    expect(nearestRank(1, 0.5)).toBe(1);
  });

  it('spends the error over repeated looks so that peeking stays within alpha', () => {
    const spent = Array.from({ length: 1000 }, (_, i) => 1 - lookConfidence(0.95, i + 1)).reduce(
      (a, b) => a + b,
      0,
    );
    expect(spent).toBeLessThanOrEqual(0.05);
    expect(lookConfidence(0.95, 1)).toBeCloseTo(0.975);
  });
});
