import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { UserError } from '../core/errors.js';

/**
 * The evidence file `poc bench --json` writes: schema-versioned, self-describing (machine,
 * profile, model hash, seeds) and holding the whole latency histogram, so a later run can
 * bootstrap against it and `poc promote` can gate on it. Bump EVIDENCE_SCHEMA_VERSION on any
 * incompatible change.
 */
export const EVIDENCE_SCHEMA_VERSION = 1;

const ms = z.number().nonnegative();
const summary = z.object({
  min: ms,
  mean: ms,
  stddev: ms,
  p50: ms,
  p90: ms,
  p95: ms,
  p99: ms,
  p999: ms,
  max: ms,
});
const verdictStatus = z.enum(['pass', 'fail', 'inconclusive']);

export const evidenceSchema = z.object({
  schemaVersion: z.literal(EVIDENCE_SCHEMA_VERSION),
  kind: z.literal('poc-bench'),
  createdAt: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  verdict: verdictStatus,
  reasons: z.array(z.string()),
  model: z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  profile: z.object({
    intraOpThreads: z.number().int(),
    interOpThreads: z.number().int(),
    graphOptimizationLevel: z.string(),
    executionMode: z.string(),
    enableCpuMemArena: z.boolean(),
    enableMemPattern: z.boolean(),
    executionProviders: z.array(z.string()),
  }),
  profileHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  scenario: z.enum(['single-stream', 'server', 'offline']),
  sla: z.object({
    percentile: z.number().gt(0).lt(100),
    boundMs: z.number().positive(),
    source: z.enum(['poc.yaml', 'flags']),
  }),
  slaVerdict: z.object({
    status: verdictStatus,
    reason: z.string(),
    percentile: z.number(),
    boundMs: z.number(),
    estimateMs: ms,
    interval: z.object({ lowMs: ms.nullable(), highMs: ms.nullable(), confidence: z.number().gt(0).lt(1) }),
    samplesNeeded: z.number().int().nullable(),
    moreSamples: z.number().int().nullable(),
  }),
  samples: z.number().int().nonnegative(),
  latencyMs: summary,
  durationMs: ms,
  stoppedBy: z.enum(['decided', 'max-duration', 'max-samples']),
  warmup: z.object({ runs: z.number().int(), stable: z.boolean(), ms }),
  coldStart: z.object({ sessionCreateMs: ms, firstInferenceMs: ms }),
  server: z
    .object({
      rateRps: z.number().positive(),
      achievedRps: z.number().nonnegative(),
      workers: z.number().int().positive(),
      serviceMs: summary,
      dispatchDelayMs: summary,
      /** Requests still queued at the drain limit, recorded with the wait so far (a lower bound). */
      unserved: z.number().int().nonnegative().optional(),
    })
    .optional(),
  offline: z
    .object({
      levels: z.array(
        z.object({
          concurrency: z.number().int().positive(),
          throughputRps: z.number(),
          samples: z.number().int(),
          latencyMs: summary,
        }),
      ),
    })
    .optional(),
  inputs: z.object({
    source: z.enum(['synthesised', 'file']),
    file: z.string().optional(),
    feeds: z.array(z.object({ name: z.string(), type: z.string(), dims: z.array(z.number().int()) })),
    defaultedDims: z.array(z.string()),
  }),
  noise: z.object({
    beforeMs: ms,
    afterMs: ms,
    cvPercent: ms,
    driftPercent: ms,
    /** Added after the first files were written: optional, so those still read. */
    contentionPercent: ms.optional(),
    limitPercent: ms,
    noisy: z.boolean(),
  }),
  regression: z
    .object({
      against: z.enum(['baseline', 'compare']),
      reference: z.string(),
      percentile: z.number(),
      ratio: z.number().positive(),
      low: z.number().positive(),
      high: z.number().positive(),
      confidence: z.number(),
      maxRegressionPct: z.number().nullable(),
      status: verdictStatus.nullable(),
      reason: z.string(),
      referenceLatencyMs: summary,
    })
    .optional(),
  histogram: z.object({
    unit: z.literal('ns'),
    /** [value rounded to 3 significant digits, count], ascending */
    buckets: z.array(z.tuple([z.number().nonnegative(), z.number().int().positive()])),
    /** node:perf_hooks HDR histogram percentiles: [percentile, ns] */
    hdrPercentiles: z.array(z.tuple([z.number(), z.number()])),
  }),
  environment: z.object({
    cpuModel: z.string(),
    cores: z.number().int(),
    cgroupCpuQuota: z.number().nullable(),
    memoryBytes: z.number(),
    platform: z.string(),
    arch: z.string(),
    node: z.string(),
    onnxruntime: z.string(),
    ci: z.boolean(),
  }),
  seeds: z.object({
    inputs: z.number().int(),
    arrivals: z.number().int(),
    bootstrap: z.number().int(),
    blocks: z.number().int(),
  }),
});

export type BenchEvidence = z.infer<typeof evidenceSchema>;

/**
 * Reads and validates a `poc bench --json` file: the `{status, result}` envelope or the bare
 * result. Bad input is a UserError naming the file and the first problems.
 */
export async function readEvidence(file: string): Promise<BenchEvidence> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UserError(`Bench evidence ${file} does not exist.`, {
      code: 'EVIDENCE_MISSING',
      hint: 'Write it with "poc bench --json > bench.json".',
    });
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`Bench evidence ${file} is not JSON.`, {
      code: 'EVIDENCE_INVALID',
      hint: 'Pass the file "poc bench --json" wrote, unchanged.',
    });
  }
  return parseEvidence(parsed, file);
}

export function parseEvidence(parsed: unknown, file = 'evidence'): BenchEvidence {
  const body =
    parsed && typeof parsed === 'object' && 'result' in parsed
      ? (parsed as { result: unknown }).result
      : parsed;
  const result = evidenceSchema.safeParse(body);
  if (!result.success) {
    const version = (body as { schemaVersion?: unknown } | null)?.schemaVersion;
    throw new UserError(
      version !== undefined && version !== EVIDENCE_SCHEMA_VERSION
        ? `Bench evidence ${file} has schema version ${String(version)}; this poc reads version ${EVIDENCE_SCHEMA_VERSION}.`
        : `Bench evidence ${file} is not a poc bench result.`,
      {
        code: 'EVIDENCE_INVALID',
        hint: 'Pass a file written by "poc bench --json" of this poc version.',
        problems: result.error.issues
          .slice(0, 5)
          .map((issue) => ({ file, path: issue.path.join('.'), message: issue.message })),
      },
    );
  }
  return result.data;
}
