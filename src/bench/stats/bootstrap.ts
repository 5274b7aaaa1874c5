import { nearestRank } from './order-statistics.js';
import { normal, type Random } from './random.js';
import { atRank } from './samples.js';

export interface RatioInterval {
  /** candidate / reference of the chosen percentile */
  ratio: number;
  low: number;
  high: number;
  confidence: number;
  resamples: number;
}

/**
 * One bootstrap draw of a sample's p-quantile. Resampling n values with replacement and taking
 * the nearest-rank quantile lands on the original order statistic whose rank is that many
 * binomial successes; for n·p·(1-p) >= 10 that rank is drawn from its normal approximation (O(1)
 * a draw, so a million samples cost nothing), below that the resample is taken literally.
 */
function bootstrapQuantile(sorted: Float64Array, p: number, random: Random): number {
  const n = sorted.length;
  if (n * p * (1 - p) >= 10) {
    const rank = Math.round(n * p + normal(random) * Math.sqrt(n * p * (1 - p)));
    return atRank(sorted, rank);
  }
  const draw = new Float64Array(n);
  for (let i = 0; i < n; i++) draw[i] = sorted[Math.floor(random() * n)] as number;
  draw.sort();
  return atRank(draw, nearestRank(n, p));
}

/** Percentile bootstrap interval of candidate/reference for the p-quantile. */
export function quantileRatioInterval(
  candidate: Float64Array,
  reference: Float64Array,
  p: number,
  random: Random,
  confidence = 0.95,
  resamples = 2000,
): RatioInterval {
  const ratios = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) {
    ratios[i] = bootstrapQuantile(candidate, p, random) / bootstrapQuantile(reference, p, random);
  }
  ratios.sort();
  const tail = (1 - confidence) / 2;
  const point =
    atRank(candidate, nearestRank(candidate.length, p)) / atRank(reference, nearestRank(reference.length, p));
  return {
    ratio: point,
    low: atRank(ratios, Math.floor(resamples * tail) + 1),
    high: atRank(ratios, Math.ceil(resamples * (1 - tail))),
    confidence,
    resamples,
  };
}
