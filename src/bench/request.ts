import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

import { PocError, UserError } from '../core/errors.js';
import { displayPath, loadProject, type LoadedProject } from '../manifest/index.js';
import { parseShapeOverrides } from './inputs/shapes.js';
import type { BenchOptions, Scenario } from './options.js';
import type { SessionProfile } from './session-options.js';

/** What the user asked for, straight from flags (undefined: not given). */
export interface BenchRequest {
  model?: string;
  dir?: string;
  slaMs?: number;
  percentile?: number;
  scenario: Scenario;
  rate?: number;
  workers?: number;
  concurrency?: string;
  inputs?: string;
  shapes: string[];
  seed: number;
  warmup?: number;
  maxDurationS: number;
  maxSamples: number;
  minSamples: number;
  confidence: number;
  noiseLimit: number;
  baseline?: string;
  compare?: string;
  maxRegression?: number;
  session: Partial<SessionProfile>;
}

const defaultProfile: SessionProfile = {
  intraOpThreads: 0,
  interOpThreads: 0,
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  enableCpuMemArena: true,
  enableMemPattern: true,
  executionProviders: ['cpu'],
};

/**
 * Resolves flags against poc.yaml: inside a project the model, SLA and session profile come
 * from the manifest and flags override them; outside one, MODEL and --sla-ms are required.
 */
export async function resolveRequest(request: BenchRequest, cwd = process.cwd()): Promise<BenchOptions> {
  const project = await findProject(request, cwd);
  const manifest = project?.manifest;
  const modelPath = request.model
    ? resolve(cwd, request.model)
    : manifest && project
      ? join(project.root, manifest.model.path)
      : undefined;
  if (!modelPath) {
    throw new UserError('No model to bench.', {
      code: 'MODEL_MISSING',
      hint: 'Pass MODEL (an .onnx file) or run inside a project whose poc.yaml names model.path.',
    });
  }
  const boundMs = request.slaMs ?? manifest?.sla.boundMs;
  if (boundMs === undefined) {
    throw new UserError('No latency SLA given.', {
      code: 'SLA_MISSING',
      hint: 'Pass --sla-ms N (and --percentile P, default 95), or run inside a project whose poc.yaml sets sla.boundMs.',
    });
  }
  const percentile = request.percentile ?? manifest?.sla.percentile ?? 95;
  if (!(percentile > 0 && percentile < 100)) {
    throw new UserError(`--percentile ${percentile} is not between 0 and 100 (exclusive).`, {
      code: 'FLAG_INVALID',
      hint: 'Use e.g. --percentile 95 or 99.',
    });
  }
  if (!(boundMs > 0)) throw new UserError(`--sla-ms ${boundMs} must be positive.`, { code: 'FLAG_INVALID' });
  if (!(request.confidence > 0.5 && request.confidence < 1)) {
    throw new UserError(`--confidence ${request.confidence} must be between 0.5 and 1, e.g. 0.95.`, {
      code: 'FLAG_INVALID',
    });
  }
  const profile: SessionProfile = {
    ...defaultProfile,
    ...manifest?.model.session,
    ...definedOnly(request.session),
  };
  const workers = request.workers ?? Math.min(4, availableParallelism());
  return {
    model: { path: modelPath, display: displayPath(modelPath, cwd) },
    sla: { percentile, boundMs, source: request.slaMs === undefined && manifest ? 'poc.yaml' : 'flags' },
    profile,
    scenario: request.scenario,
    rate: request.rate ?? manifest?.sla.throughputRps,
    workers,
    concurrency: parseConcurrency(request.concurrency, workers),
    inputs: request.inputs ? resolve(cwd, request.inputs) : undefined,
    shapes: parseShapeOverrides(request.shapes),
    seed: request.seed,
    warmupRuns: request.warmup,
    maxDurationMs: request.maxDurationS * 1000,
    maxSamples: request.maxSamples,
    minSamples: request.minSamples,
    confidence: request.confidence,
    noiseLimitPercent: request.noiseLimit,
    baseline: request.baseline ? resolve(cwd, request.baseline) : undefined,
    compare: request.compare ? { path: resolve(cwd, request.compare), display: request.compare } : undefined,
    maxRegressionPct: request.maxRegression,
  };
}

async function findProject(request: BenchRequest, cwd: string): Promise<LoadedProject | undefined> {
  const projectOptional = request.dir === undefined && request.model !== undefined;
  try {
    return await loadProject(request.dir, cwd);
  } catch (error) {
    if (projectOptional && error instanceof PocError && error.code === 'NOT_A_PROJECT') return undefined;
    if (
      !projectOptional &&
      error instanceof PocError &&
      error.code === 'NOT_A_PROJECT' &&
      request.slaMs === undefined
    ) {
      throw new UserError('No model and no SLA: this is not a poc2prod project.', {
        code: 'SLA_MISSING',
        hint: 'Pass MODEL and --sla-ms N (optionally --percentile P), or run inside a project.',
      });
    }
    throw error;
  }
}

function parseConcurrency(text: string | undefined, workers: number): number[] {
  if (!text) return [workers];
  const levels = text.split(',').map((part) => Number(part.trim()));
  if (levels.some((level) => !Number.isInteger(level) || level < 1 || level > 256)) {
    throw new UserError(`--concurrency ${text} is not a list of whole numbers from 1 to 256.`, {
      code: 'FLAG_INVALID',
      hint: 'E.g. --concurrency 1,2,4.',
    });
  }
  return levels;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
