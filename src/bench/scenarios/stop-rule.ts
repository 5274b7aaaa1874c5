import { decide } from '../stats/order-statistics.js';
import type { Samples } from '../stats/samples.js';

/**
 * When a measurement ends: at the time or sample budget, or as soon as the SLA verdict is
 * decided. Deciding is checked only at checkpoints (sample counts doubling from minSamples),
 * and look k is held to confidence 1 - alpha/(k(k+1)): those alphas sum to alpha, so peeking
 * does not inflate the error rate above the nominal one (a union bound, simple and honest).
 */
export interface StopRule {
  maxDurationMs: number;
  maxSamples: number;
  minSamples: number;
  /** The SLA to decide: percentile as a fraction and the bound in ns; absent: run to budget. */
  sla?: { p: number; boundNs: number };
  confidence: number;
}

export function lookConfidence(confidence: number, look: number): number {
  return 1 - (1 - confidence) / (look * (look + 1));
}

export class AdaptiveStop {
  private nextCheckpoint: number;
  looks = 0;

  constructor(private readonly rule: StopRule) {
    this.nextCheckpoint = Math.max(1, rule.minSamples);
  }

  /** True when the samples so far decide the SLA at this look's confidence. */
  decided(samples: Samples): boolean {
    if (!this.rule.sla || samples.length < this.nextCheckpoint) return false;
    this.nextCheckpoint *= 2;
    this.looks++;
    const { p, boundNs } = this.rule.sla;
    const verdict = decide(
      samples.length,
      samples.countAtOrBelow(boundNs),
      p,
      lookConfidence(this.rule.confidence, this.looks),
    );
    return verdict !== 'undecided';
  }

  /** The confidence the final verdict must meet: that of the deciding look, or of one more look. */
  finalConfidence(decided: boolean): number {
    return lookConfidence(this.rule.confidence, decided ? this.looks : this.looks + 1);
  }
}
