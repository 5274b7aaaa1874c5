import { Samples } from '../stats/samples.js';
import type { RunnerPool } from './runner-pool.js';

export interface SaturationResult {
  concurrency: number;
  samples: Samples;
  elapsedMs: number;
  throughput: number;
}

/**
 * Offline scenario: `concurrency` requests always in flight for `durationMs`, each runner
 * starting its next inference as soon as the last ends. Reports throughput and the latency
 * under that load.
 */
export async function saturate(
  pool: RunnerPool,
  concurrency: number,
  durationMs: number,
  maxSamples: number,
): Promise<SaturationResult> {
  const samples = new Samples();
  const start = performance.now();
  const end = start + durationMs;
  let issued = 0;
  const lane = async () => {
    while (performance.now() < end && issued < maxSamples) {
      issued++;
      const t0 = performance.now();
      await pool.submit(issued);
      samples.add((performance.now() - t0) * 1e6);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pool.size) }, lane));
  const elapsedMs = performance.now() - start;
  return { concurrency, samples, elapsedMs, throughput: (samples.length / elapsedMs) * 1000 };
}
