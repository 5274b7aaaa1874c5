import type { SessionProfile } from './session-options.js';

export type Scenario = 'single-stream' | 'server' | 'offline';

/** Everything a bench run needs, already resolved from poc.yaml and flags. */
export interface BenchOptions {
  model: { path: string; display: string };
  sla: { percentile: number; boundMs: number; source: 'poc.yaml' | 'flags' };
  profile: SessionProfile;
  scenario: Scenario;
  /** Server: Poisson arrival rate, requests per second. */
  rate?: number;
  /** Server and offline: worker threads. */
  workers: number;
  /** Offline: concurrency levels to sweep. */
  concurrency: number[];
  inputs?: string;
  shapes: Map<string, number>;
  seed: number;
  /** Fixed warm-up count; absent: warm up until stable. */
  warmupRuns?: number;
  maxDurationMs: number;
  maxSamples: number;
  minSamples: number;
  confidence: number;
  noiseLimitPercent: number;
  baseline?: string;
  compare?: { path: string; display: string };
  maxRegressionPct?: number;
  onProgress?: (text: string) => void;
  onNotice?: (text: string) => void;
}
