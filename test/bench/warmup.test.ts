import { describe, expect, it } from 'vitest';

import { warmUp } from '../../src/bench/warmup.js';

/** Holds the thread for ms, like an inference does (onnxruntime's run blocks its thread). */
function busy(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* working */
  }
  return Promise.resolve();
}

describe('warm-up', () => {
  it('runs exactly the fixed count when --warmup is given', async () => {
    let calls = 0;
    const result = await warmUp(async () => void calls++, 7, 10_000);
    expect(result).toMatchObject({ runs: 7, stable: true });
    expect(calls).toBe(7);
  });

  it('stops once three windows agree, well before the cap', async () => {
    const result = await warmUp(() => busy(1), undefined, 30_000);
    expect(result.stable).toBe(true);
    expect(result.runs).toBeGreaterThanOrEqual(30); // three windows of at least ten runs
  });

  it('reports instability when latency keeps drifting until the cap', async () => {
    // Each run 5% slower than the last: every window's median is far above the previous one.
    let calls = 0;
    const result = await warmUp(() => busy(0.1 * 1.05 ** calls++), undefined, 300);
    expect(result.stable).toBe(false);
  });
});
