import { atRank } from './samples.js';
import { nearestRank } from './order-statistics.js';

export interface LatencySummary {
  min: number;
  mean: number;
  stddev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** The usual latency statistics, in milliseconds, from sorted nanosecond samples. */
export function summarise(sorted: Float64Array): LatencySummary {
  const n = sorted.length;
  if (n === 0) return { min: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
  let mean = 0;
  let m2 = 0;
  sorted.forEach((value, i) => {
    const delta = value - mean;
    mean += delta / (i + 1);
    m2 += delta * (value - mean);
  });
  const ms = (ns: number) => round(ns / 1e6);
  const q = (p: number) => ms(atRank(sorted, nearestRank(n, p)));
  return {
    min: ms(atRank(sorted, 1)),
    mean: ms(mean),
    stddev: ms(n > 1 ? Math.sqrt(m2 / (n - 1)) : 0),
    p50: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    p999: q(0.999),
    max: ms(atRank(sorted, n)),
  };
}

/** Milliseconds to the nanosecond, without float noise in the JSON. */
export function round(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}
