import { describe, expect, it } from 'vitest';

import { assessNoise } from '../../src/bench/noise.js';
import { combine, judgeRegression } from '../../src/bench/regression.js';
import { slaVerdict } from '../../src/bench/verdict.js';

/** n samples evenly spread over [fromMs, toMs], in ns and sorted. */
const spread = (n: number, fromMs: number, toMs: number) =>
  Float64Array.from({ length: n }, (_, i) => (fromMs + ((toMs - fromMs) * i) / (n - 1)) * 1e6);

const times = (wallMs: number[], cpuMs = wallMs.reduce((a, b) => a + b, 0)) => ({ wallMs, cpuMs });
const quiet = assessNoise(times([1, 1, 1, 1]), times([1, 1, 1, 1]), 10);
const noisy = assessNoise(times([1, 2, 1, 3]), times([1, 2, 3, 1]), 10);

describe('SLA verdict', () => {
  it('passes when the upper bound is within the SLA, fails when the lower bound exceeds it', () => {
    expect(slaVerdict(spread(1000, 1, 10), 95, 20, 0.95, quiet).status).toBe('pass');
    const fail = slaVerdict(spread(1000, 1, 10), 95, 5, 0.95, quiet);
    expect(fail.status).toBe('fail');
    expect(fail.interval.lowMs).toBeGreaterThan(5);
  });

  it('is inconclusive near the bound and says how many samples would decide', () => {
    // True p95 of the spread is 9.55 ms; a 9.6 ms SLA is too close to tell with 200 samples.
    const verdict = slaVerdict(spread(200, 1, 10), 95, 9.6, 0.95, quiet);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.moreSamples).toBeGreaterThan(0);
    expect(verdict.reason).toMatch(/about \d+ more samples would decide it/);
  });

  it('does not blame the model for a failure on a noisy runner, but keeps a pass', () => {
    expect(noisy.noisy).toBe(true);
    expect(quiet.noisy).toBe(false);
    const fail = slaVerdict(spread(1000, 1, 10), 95, 5, 0.95, noisy);
    expect(fail.status).toBe('inconclusive');
    expect(fail.reason).toMatch(/too noisy/);
    expect(slaVerdict(spread(1000, 1, 10), 95, 20, 0.95, noisy).status).toBe('pass');
  });
});

describe('runner noise', () => {
  it('flags contention: wall time well beyond CPU time means the thread waited for a core', () => {
    const contended = assessNoise(times([2, 2, 2, 2], 4), times([2, 2, 2, 2], 4), 10);
    expect(contended.contentionPercent).toBe(100);
    expect(contended.cvPercent).toBe(0);
    expect(contended.noisy).toBe(true);
  });

  it('flags drift between before and after', () => {
    const drifted = assessNoise(times([1, 1, 1, 1]), times([1.5, 1.5, 1.5, 1.5]), 10);
    expect(drifted.driftPercent).toBe(50);
    expect(drifted.noisy).toBe(true);
  });
});

describe('regression verdict', () => {
  const interval = (ratio: number, low: number, high: number) => ({
    ratio,
    low,
    high,
    confidence: 0.95,
    resamples: 2000,
  });
  it('fails, passes or stays undecided against --max-regression', () => {
    expect(judgeRegression(interval(1.3, 1.2, 1.4), 95, 10, false).status).toBe('fail');
    expect(judgeRegression(interval(1.02, 0.98, 1.05), 95, 10, false).status).toBe('pass');
    expect(judgeRegression(interval(1.1, 1.0, 1.2), 95, 10, false).status).toBe('inconclusive');
    expect(judgeRegression(interval(1.3, 1.2, 1.4), 95, 10, true).status).toBe('inconclusive');
    expect(judgeRegression(interval(1.3, 1.2, 1.4), 95, undefined, false).status).toBeNull();
  });

  it('combines verdicts: any fail fails, else any inconclusive', () => {
    expect(combine(['pass', null])).toBe('pass');
    expect(combine(['pass', 'inconclusive'])).toBe('inconclusive');
    expect(combine(['inconclusive', 'fail'])).toBe('fail');
  });
});
