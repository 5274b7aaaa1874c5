function logGamma(x: number): number {
  // Lanczos approximation, g = 7, n = 9: ample precision for binomial coefficients.
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = g[0] as number;
  for (let i = 1; i < 9; i++) sum += (g[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The cumulative distribution P(Bin(n, p) <= k), exact for any n: the probability mass beyond
 * 12 standard deviations of the mean is below 1e-30, so only the window around the mean is
 * summed (in log space, so nothing underflows). That costs O(sqrt n) per call.
 */
export function binomialCdf(n: number, p: number): (k: number) => number {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const from = Math.max(0, Math.floor(mean - 12 * sd - 10));
  const to = Math.min(n, Math.ceil(mean + 12 * sd + 10));
  const cumulative = new Float64Array(to - from + 1);
  const logP = Math.log(p);
  const logQ = Math.log(1 - p);
  const logNFact = logGamma(n + 1);
  let sum = 0;
  for (let k = from; k <= to; k++) {
    sum += Math.exp(logNFact - logGamma(k + 1) - logGamma(n - k + 1) + k * logP + (n - k) * logQ);
    cumulative[k - from] = Math.min(1, sum);
  }
  return (k) => (k < from ? 0 : k >= to ? 1 : (cumulative[k - from] as number));
}
