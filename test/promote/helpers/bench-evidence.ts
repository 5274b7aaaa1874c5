import { writeFileSync } from 'node:fs';

import { evidenceSchema } from '../../../src/bench/index.js';

const summary = (p95: number) => ({
  min: 1,
  mean: p95 / 2,
  stddev: 1,
  p50: p95 / 2,
  p90: p95 * 0.9,
  p95,
  p99: p95 * 1.2,
  p999: p95 * 1.5,
  max: p95 * 2,
});

/**
 * A `poc bench --json` file in the bench module's on-disk format (validated against its schema
 * here, so a format change breaks this helper loudly). The figures are made up: these tests are
 * about how promote judges evidence, not about measuring a model.
 */
export function writeBenchEvidence(
  file: string,
  options: {
    modelSha256: string;
    verdict: 'pass' | 'fail' | 'inconclusive';
    percentile?: number;
    boundMs?: number;
  },
): string {
  const p95 = options.verdict === 'pass' ? 12.5 : 80;
  const result = evidenceSchema.parse({
    schemaVersion: 1,
    kind: 'poc-bench',
    createdAt: '2026-11-26T10:00:00.000Z',
    tool: { name: 'poc2prod', version: '0.1.0' },
    verdict: options.verdict,
    reasons: [],
    model: { path: 'model/model.onnx', sha256: options.modelSha256 },
    profile: {
      intraOpThreads: 0,
      interOpThreads: 0,
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      enableCpuMemArena: true,
      enableMemPattern: true,
      executionProviders: ['cpu'],
    },
    profileHash: `sha256:${'0'.repeat(64)}`,
    scenario: 'single-stream',
    sla: { percentile: options.percentile ?? 95, boundMs: options.boundMs ?? 50, source: 'poc.yaml' },
    slaVerdict: {
      status: options.verdict,
      reason: options.verdict === 'pass' ? 'p95 12.5 ms <= 50 ms' : 'p95 80.0 ms > 50 ms with 95% confidence',
      percentile: options.percentile ?? 95,
      boundMs: options.boundMs ?? 50,
      estimateMs: p95,
      interval: { lowMs: p95 * 0.9, highMs: p95 * 1.1, confidence: 0.95 },
      samplesNeeded: null,
      moreSamples: null,
    },
    samples: 500,
    latencyMs: summary(p95),
    durationMs: 5000,
    stoppedBy: 'decided',
    warmup: { runs: 20, stable: true, ms: 100 },
    coldStart: { sessionCreateMs: 30, firstInferenceMs: 5 },
    inputs: {
      source: 'synthesised',
      feeds: [{ name: 'input', type: 'float32', dims: [1, 3] }],
      defaultedDims: [],
    },
    noise: { beforeMs: 1, afterMs: 1, cvPercent: 1, driftPercent: 0, limitPercent: 5, noisy: false },
    histogram: { unit: 'ns', buckets: [[12_500_000, 500]], hdrPercentiles: [[95, 12_500_000]] },
    environment: {
      cpuModel: 'test',
      cores: 2,
      cgroupCpuQuota: null,
      memoryBytes: 1,
      platform: 'linux',
      arch: 'x64',
      node: 'v20',
      onnxruntime: '1.30.0',
      ci: false,
    },
    seeds: { inputs: 1, arrivals: 2, bootstrap: 3, blocks: 4 },
  });
  writeFileSync(file, JSON.stringify({ status: options.verdict === 'pass' ? 0 : 1, result, warnings: [] }));
  return file;
}
