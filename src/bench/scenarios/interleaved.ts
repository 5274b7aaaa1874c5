import type { Random } from '../stats/random.js';
import { Samples } from '../stats/samples.js';

export interface InterleavedResult {
  a: Samples;
  b: Samples;
  blocks: number;
  elapsedMs: number;
}

/**
 * A/B in one process: blocks of `blockSize` inferences of A and of B, the order within each
 * pair of blocks drawn at random, so drift in the machine (thermal, neighbours, frequency)
 * falls on both models alike instead of biasing whichever ran second.
 */
export async function interleaved(
  runA: () => Promise<unknown>,
  runB: () => Promise<unknown>,
  random: Random,
  durationMs: number,
  maxSamples: number,
  blockSize = 20,
): Promise<InterleavedResult> {
  const a = new Samples();
  const b = new Samples();
  const start = performance.now();
  let blocks = 0;
  const block = async (run: () => Promise<unknown>, into: Samples) => {
    for (let i = 0; i < blockSize; i++) {
      const t0 = process.hrtime.bigint();
      await run();
      into.add(Number(process.hrtime.bigint() - t0));
    }
  };
  while (performance.now() - start < durationMs && a.length < maxSamples) {
    if (random() < 0.5) {
      await block(runA, a);
      await block(runB, b);
    } else {
      await block(runB, b);
      await block(runA, a);
    }
    blocks++;
  }
  return { a, b, blocks, elapsedMs: performance.now() - start };
}
