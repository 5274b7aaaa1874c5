import type { NoiseReport } from './noise.js';
import { nearestRank, quantileRankInterval, samplesToDecide } from './stats/order-statistics.js';
import { atRank } from './stats/samples.js';
import { round } from './stats/summary.js';

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive';

export interface SlaVerdict {
  status: VerdictStatus;
  reason: string;
  percentile: number;
  boundMs: number;
  estimateMs: number;
  /** Distribution-free interval of the percentile; null ends mean no sample is extreme enough yet. */
  interval: { lowMs: number | null; highMs: number | null; confidence: number };
  /** Total samples that would decide an inconclusive result (null: none would, or already decided). */
  samplesNeeded: number | null;
  moreSamples: number | null;
}

/**
 * PASS when the upper confidence bound of the SLA percentile is within the bound, FAIL when the
 * lower bound exceeds it, otherwise INCONCLUSIVE with the number of samples that would decide.
 * On a noisy runner a FAIL becomes INCONCLUSIVE: noise only adds latency, so it can cause a
 * failure but not a pass; a PASS stands and carries the warning.
 */
/** Three significant digits: enough to compare with an SLA, short enough to read. */
const ms3 = (ms: number | null) => (ms === null ? '—' : Number(ms.toPrecision(3)).toString());

export function slaVerdict(
  sorted: Float64Array,
  percentile: number,
  boundMs: number,
  confidence: number,
  noise?: NoiseReport,
): SlaVerdict {
  const n = sorted.length;
  const p = percentile / 100;
  const boundNs = boundMs * 1e6;
  const ranks = quantileRankInterval(n, p, confidence);
  const lowNs = ranks.lower === null ? null : atRank(sorted, ranks.lower);
  const highNs = ranks.upper === null ? null : atRank(sorted, ranks.upper);
  const estimateMs = n === 0 ? 0 : round(atRank(sorted, nearestRank(n, p)) / 1e6);
  const interval = {
    lowMs: lowNs === null ? null : round(lowNs / 1e6),
    highMs: highNs === null ? null : round(highNs / 1e6),
    confidence,
  };
  const base = { percentile, boundMs, estimateMs, interval, samplesNeeded: null, moreSamples: null };
  const pct = `${(confidence * 100).toFixed(confidence > 0.999 ? 3 : 1)}%`;
  if (highNs !== null && highNs <= boundNs) {
    const caveat = noise?.noisy
      ? ` (the runner was noisy: ${noiseText(noise)}; latency on a quiet machine is no higher)`
      : '';
    return {
      ...base,
      status: 'pass',
      reason: `p${percentile} is at most ${ms3(interval.highMs)} ms (${pct} upper bound), within the ${boundMs} ms SLA${caveat}`,
    };
  }
  if (lowNs !== null && lowNs > boundNs) {
    if (noise?.noisy) {
      return {
        ...base,
        status: 'inconclusive',
        reason: `p${percentile} is at least ${ms3(interval.lowMs)} ms, over the ${boundMs} ms SLA, but the runner was too noisy to blame the model (${noiseText(noise)}); rerun on a quieter machine`,
      };
    }
    return {
      ...base,
      status: 'fail',
      reason: `p${percentile} is at least ${ms3(interval.lowMs)} ms (${pct} lower bound), over the ${boundMs} ms SLA`,
    };
  }
  const atOrBelow = countAtOrBelow(sorted, boundNs);
  const needed = samplesToDecide(n, atOrBelow, p, confidence);
  const more = needed === null ? null : Math.max(1, needed - n);
  const why =
    more === null
      ? `p${percentile} (${ms3(estimateMs)} ms) sits at the ${boundMs} ms SLA; more samples would not decide it`
      : `p${percentile} is ${ms3(estimateMs)} ms, but ${n} samples cannot tell at ${pct} confidence whether it is within the ${boundMs} ms SLA; about ${more} more samples would decide it (raise --max-duration or --max-samples)`;
  return { ...base, status: 'inconclusive', reason: why, samplesNeeded: needed, moreSamples: more };
}

function countAtOrBelow(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function noiseText(noise: NoiseReport): string {
  return `reference workload varied ${noise.cvPercent}%, drifted ${noise.driftPercent}% and waited ${noise.contentionPercent}% beyond its CPU time for a core, limit ${noise.limitPercent}%`;
}
