import { Samples } from '../stats/samples.js';
import { AdaptiveStop, type StopRule } from './stop-rule.js';

export type StopReason = 'decided' | 'max-duration' | 'max-samples';

export interface LoopResult {
  samples: Samples;
  elapsedMs: number;
  stoppedBy: StopReason;
  /** The confidence the verdict on these samples must use (see AdaptiveStop). */
  confidence: number;
}

/**
 * Single-stream: the next inference starts when the previous one ends (closed loop). The loop
 * body is kept minimal — a clock read either side of `run` and a record — so the harness adds
 * well under a microsecond to what it measures; bench/bench-harness checks that against a raw
 * onnxruntime loop.
 */
export async function closedLoop(
  run: () => Promise<unknown>,
  rule: StopRule,
  onProgress: (samples: Samples, elapsedMs: number) => void = () => {},
): Promise<LoopResult> {
  const samples = new Samples();
  const stop = new AdaptiveStop(rule);
  const start = performance.now();
  let stoppedBy: StopReason = 'max-samples';
  let lastProgress = start;
  while (samples.length < rule.maxSamples) {
    const t0 = process.hrtime.bigint();
    await run();
    samples.add(Number(process.hrtime.bigint() - t0));
    if ((samples.length & 15) === 0 || samples.length >= rule.minSamples) {
      const now = performance.now();
      if (now - start >= rule.maxDurationMs) {
        stoppedBy = 'max-duration';
        break;
      }
      if (now - lastProgress > 100) {
        lastProgress = now;
        onProgress(samples, now - start);
      }
      if (stop.decided(samples)) {
        stoppedBy = 'decided';
        break;
      }
    }
  }
  return {
    samples,
    elapsedMs: performance.now() - start,
    stoppedBy,
    confidence: stop.finalConfidence(stoppedBy === 'decided'),
  };
}
