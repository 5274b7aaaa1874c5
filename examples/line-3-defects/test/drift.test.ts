import { describe, expect, it } from 'vitest';
import { binOf, outOfDistribution, type TrainingProfile } from '../src/model/profile.js';
import { DriftMonitor } from '../src/monitoring/drift.js';

const profile: TrainingProfile = {
  classes: ['a', 'b'],
  samples: 1000,
  features: [
    {
      name: 'x',
      min: 0,
      max: 10,
      mean: 5,
      std: 2.9,
      binEdges: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      binProportions: new Array(10).fill(0.1),
    },
  ],
};

describe('drift and out-of-distribution checks', () => {
  it('bins like numpy.searchsorted(side="right")', () => {
    expect([binOf([1, 2, 3], 0.5), binOf([1, 2, 3], 1), binOf([1, 2, 3], 2.5), binOf([1, 2, 3], 9)]).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('reports a stable PSI for training-like inputs and a large one after a shift', () => {
    const monitor = new DriftMonitor(profile, 200);
    expect(monitor.psi().size).toBe(0);
    for (let i = 0; i < 400; i++) monitor.observe([(i * 7.3) % 10]);
    expect(monitor.psi().get('x')).toBeLessThan(0.1);
    for (let i = 0; i < 200; i++) monitor.observe([9.5]);
    expect(monitor.psi().get('x')).toBeGreaterThan(0.25);
    expect(monitor.size).toBe(200);
  });

  it('flags values beyond the training range plus tolerance, and non-finite values', () => {
    expect(outOfDistribution(profile, [10.5])).toEqual([]);
    expect(outOfDistribution(profile, [11.5])).toEqual(['x']);
    expect(outOfDistribution(profile, [Number.NaN])).toEqual(['x']);
  });
});
