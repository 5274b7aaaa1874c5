import type { VerdictStatus } from './verdict.js';
import type { RatioInterval } from './stats/bootstrap.js';

export interface RegressionVerdict {
  status: VerdictStatus | null;
  reason: string;
}

/**
 * Judges candidate/reference for the SLA percentile against --max-regression: FAIL when even
 * the interval's low end is a larger slowdown than allowed, PASS when its high end is within it,
 * else INCONCLUSIVE. Without a limit the ratio is reported and judges nothing.
 */
export function judgeRegression(
  interval: RatioInterval,
  percentile: number,
  maxRegressionPct: number | undefined,
  noisy: boolean,
): RegressionVerdict {
  const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
  const range = `p${percentile} ${pct(interval.ratio)} (${(interval.confidence * 100).toFixed(0)}% interval ${pct(interval.low)} to ${pct(interval.high)})`;
  if (maxRegressionPct === undefined) return { status: null, reason: range };
  const limit = 1 + maxRegressionPct / 100;
  if (interval.low > limit) {
    if (noisy)
      return {
        status: 'inconclusive',
        reason: `${range} exceeds the ${maxRegressionPct}% limit, but the runner was too noisy to trust it`,
      };
    return { status: 'fail', reason: `${range}: slower than the ${maxRegressionPct}% limit allows` };
  }
  if (interval.high <= limit)
    return { status: 'pass', reason: `${range}: within the ${maxRegressionPct}% limit` };
  return {
    status: 'inconclusive',
    reason: `${range}: cannot tell whether it is within the ${maxRegressionPct}% limit; run longer`,
  };
}

/** The overall verdict: any fail fails, else any inconclusive is inconclusive. */
export function combine(statuses: (VerdictStatus | null)[]): VerdictStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}
