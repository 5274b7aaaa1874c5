import { binomialCdf } from './binomial.js';

/**
 * Distribution-free confidence intervals for a quantile from order statistics. The number of
 * samples below the true p-quantile is Binomial(n, p) whatever the latency distribution, so
 * the ranks bounding the quantile follow from the binomial CDF (the argument MLPerf LoadGen's
 * early stopping uses). Ranks are 1-based; null means no sample is extreme enough yet.
 */
export interface RankInterval {
  /** X_(lower) <= q_p with probability >= 1 - alpha/2; null: no lower bound yet. */
  lower: number | null;
  /** X_(upper) >= q_p with probability >= 1 - alpha/2; null: no upper bound yet. */
  upper: number | null;
}

export function quantileRankInterval(n: number, p: number, confidence: number): RankInterval {
  if (n <= 0) return { lower: null, upper: null };
  const tail = (1 - confidence) / 2;
  const cdf = binomialCdf(n, p);
  // P(X_(l) > q) = P(Bin < l) = cdf(l - 1): take the largest l keeping that within the tail.
  let lower: number | null = null;
  let lo = 1;
  let hi = n;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cdf(mid - 1) <= tail) {
      lower = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // P(X_(u) < q) = P(Bin >= u) = 1 - cdf(u - 1): take the smallest u keeping that within the tail.
  let upper: number | null = null;
  lo = 1;
  hi = n;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (1 - cdf(mid - 1) <= tail) {
      upper = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return { lower, upper };
}

/** The nearest-rank estimate of the p-quantile: rank ceil(n·p), 1-based. */
export function nearestRank(n: number, p: number): number {
  return Math.min(n, Math.max(1, Math.ceil(n * p)));
}

export type Decision = 'below' | 'above' | 'undecided';

/**
 * Whether the p-quantile is confidently at or below `bound` (its upper bound is), above it
 * (its lower bound is), or neither, given that `atOrBelow` of `n` samples are <= bound.
 * X_(u) <= bound exactly when at least u samples are <= bound.
 */
export function decide(n: number, atOrBelow: number, p: number, confidence: number): Decision {
  const { lower, upper } = quantileRankInterval(n, p, confidence);
  if (upper !== null && atOrBelow >= upper) return 'below';
  if (lower !== null && atOrBelow < lower) return 'above';
  return 'undecided';
}

/**
 * How many samples in total would decide, if the share of samples within the bound stayed as
 * observed. Null when no count up to `limit` would (the quantile sits on the bound).
 */
export function samplesToDecide(
  n: number,
  atOrBelow: number,
  p: number,
  confidence: number,
  limit = 1e8,
): number | null {
  const share = n === 0 ? 1 : atOrBelow / n;
  const decides = (m: number) => decide(m, Math.floor(m * share), p, confidence) !== 'undecided';
  let high = Math.max(n + 1, 16);
  while (!decides(high)) {
    if (high >= limit) return null;
    high = Math.min(limit, high * 2);
  }
  let low = Math.max(n, Math.floor(high / 2));
  while (high - low > Math.max(1, Math.floor(low * 0.01))) {
    const mid = Math.floor((low + high) / 2);
    if (decides(mid)) high = mid;
    else low = mid;
  }
  return high;
}
