import { exponential, type Random } from '../stats/random.js';
import { Samples } from '../stats/samples.js';
import type { StopReason } from './closed-loop.js';
import type { RunnerPool } from './runner-pool.js';
import { AdaptiveStop, type StopRule } from './stop-rule.js';

export interface OpenLoopResult {
  /** Response time: completion minus the request's scheduled arrival (free of coordinated omission). */
  response: Samples;
  /** Service time: the inference alone, measured by the runner. */
  service: Samples;
  /** How late requests were handed to a runner after their scheduled time (queueing + timer). */
  dispatchDelay: Samples;
  elapsedMs: number;
  offeredRate: number;
  achievedRate: number;
  stoppedBy: StopReason;
  confidence: number;
  /**
   * Requests still queued when the drain limit ended: recorded with the time they had waited by
   * then, a lower bound of their latency, so an overloaded runner cannot look faster by dropping
   * its worst requests.
   */
  unserved: number;
}

/**
 * Server scenario: Poisson arrivals at `rate` per second, each request timed from the instant
 * it was scheduled to arrive, not from when it was sent. A stalled runner therefore shows up in
 * every request that waited behind it — what closed loops (and perf_analyzer's sync rate mode)
 * leave out. Requests that find every runner busy wait in a FIFO queue.
 */
export async function openLoop(
  pool: RunnerPool,
  rate: number,
  random: Random,
  rule: StopRule,
  onProgress: (samples: Samples, elapsedMs: number) => void = () => {},
  /** How long queued requests may drain after arrivals stop (an overloaded queue could take hours). */
  drainMs = Math.max(5000, rule.maxDurationMs * 0.1),
): Promise<OpenLoopResult> {
  const response = new Samples();
  const service = new Samples();
  const dispatchDelay = new Samples();
  const stop = new AdaptiveStop(rule);
  const queue: number[] = [];
  let busy = 0;
  let issued = 0;
  let generating = true;
  let stoppedBy: StopReason = 'max-samples';
  const start = performance.now() + 5;
  let next = start + exponential(random, rate) * 1000;
  let lastProgress = start;
  let unserved = 0;
  let drainTimer: NodeJS.Timeout | undefined;
  let finished = false;

  return new Promise<OpenLoopResult>((resolve, reject) => {
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(drainTimer);
      const elapsedMs = performance.now() - start;
      resolve({
        response,
        service,
        dispatchDelay,
        elapsedMs,
        offeredRate: rate,
        achievedRate: (response.length / elapsedMs) * 1000,
        stoppedBy,
        confidence: stop.finalConfidence(stoppedBy === 'decided'),
        unserved,
      });
    };
    const abandonQueue = () => {
      const now = performance.now();
      for (const scheduled of queue.splice(0)) response.add((now - scheduled) * 1e6);
      unserved = response.length - service.length;
      pump();
    };
    const pump = () => {
      while (queue.length > 0 && busy < pool.size) {
        const scheduled = queue.shift() as number;
        busy++;
        dispatchDelay.add((performance.now() - scheduled) * 1e6);
        pool.submit(issued++).then((serviceNs) => {
          response.add((performance.now() - scheduled) * 1e6);
          service.add(serviceNs);
          busy--;
          if (generating && stop.decided(response)) {
            generating = false;
            stoppedBy = 'decided';
          }
          pump();
        }, reject);
      }
      if (!generating && queue.length === 0 && busy === 0) finish();
      else if (!generating && !drainTimer) drainTimer = setTimeout(abandonQueue, drainMs);
    };
    const tick = () => {
      const now = performance.now();
      if (generating) {
        if (now - start >= rule.maxDurationMs) {
          generating = false;
          stoppedBy = 'max-duration';
        } else if (issued + queue.length >= rule.maxSamples) {
          generating = false;
          stoppedBy = 'max-samples';
        }
      }
      while (generating && next <= now && issued + queue.length < rule.maxSamples) {
        queue.push(next);
        next += exponential(random, rate) * 1000;
      }
      if (now - lastProgress > 100) {
        lastProgress = now;
        onProgress(response, now - start);
      }
      pump();
      if (!generating) return;
      // Sleep on a timer until about a millisecond before the next arrival, then yield in
      // immediates: timers alone are only millisecond-accurate. Any lateness still counts,
      // because latency runs from the scheduled instant.
      const wait = next - performance.now();
      if (wait > 1.5) setTimeout(tick, wait - 1);
      else setImmediate(tick);
    };
    tick();
  });
}
