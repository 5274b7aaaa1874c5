/** Small, exact statistics shared by the use cases' feature code (no dependencies, no surprises). */

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Population standard deviation. */
export function std(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - m) ** 2)));
}

export function min(values: readonly number[]): number {
  return values.reduce((a, b) => (b < a ? b : a), Infinity);
}

export function max(values: readonly number[]): number {
  return values.reduce((a, b) => (b > a ? b : a), -Infinity);
}

/** Least-squares slope of values over times; 0 when all samples share one instant. */
export function slope(times: readonly number[], values: readonly number[]): number {
  const meanT = mean(times);
  const meanV = mean(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < times.length; i++) {
    const dt = (times[i] ?? 0) - meanT;
    numerator += dt * ((values[i] ?? 0) - meanV);
    denominator += dt * dt;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Samples sorted by time, with their times in seconds from the first. */
export function timeline<T extends { timestamp: string }>(
  samples: readonly T[],
): { sorted: T[]; seconds: number[] } {
  const sorted = [...samples].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const first = Date.parse(sorted[0]?.timestamp ?? '');
  return { sorted, seconds: sorted.map((sample) => (Date.parse(sample.timestamp) - first) / 1000) };
}
