import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The serving app's settings: poc.yaml (the same manifest poc2prod validates, with the same
 * defaults) plus the process environment. Only the fields the runtime needs are read here;
 * `poc validate` owns full validation.
 */
export interface SessionSettings {
  intraOpThreads: number;
  interOpThreads: number;
  graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'all';
  executionMode: 'sequential' | 'parallel';
  enableCpuMemArena: boolean;
  enableMemPattern: boolean;
  executionProviders: string[];
}

export interface RuntimeConfig {
  projectName: string;
  /** Project root: poc.yaml, model/ and contracts/ live here. */
  projectRoot: string;
  modelPath: string;
  profilePath: string;
  modelVersion: string;
  session: SessionSettings;
  confidenceThreshold: number;
  safeDefaultAction: string;
  retraining: { minAccuracy: number; window: number; cooldownMs: number; webhook?: string };
  sla: { percentile: number; boundMs: number };
  /** Writable directory for queues, logs and recordings (POC_DATA_DIR, default ./var). */
  dataDir: string;
  port: number;
  host: string;
  bodyLimitBytes: number;
  /** MQTT broker of the sensor stream (MQTT_URL); ingestion is off when unset. */
  mqttUrl?: string;
  /** Telemetry older than this is stale and rejected at ingestion. */
  maxTelemetryAgeSeconds: number;
  /** Sliding window of recent inputs for the drift (PSI) gauges. */
  driftWindow: number;
}

const SESSION_DEFAULTS: SessionSettings = {
  intraOpThreads: 0,
  interOpThreads: 0,
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  enableCpuMemArena: true,
  enableMemPattern: true,
  executionProviders: ['cpu'],
};

export class ConfigError extends Error {}

export async function loadConfig(root: string, env: NodeJS.ProcessEnv = process.env): Promise<RuntimeConfig> {
  const file = resolve(root, env.POC_MANIFEST ?? 'poc.yaml');
  let manifest: Record<string, unknown>;
  try {
    manifest = (parse(await readFile(file, 'utf8')) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const project = section(manifest, 'project');
  const model = section(manifest, 'model');
  const retraining = section(model, 'retraining');
  const sla = section(manifest, 'sla');
  const modelPath = env.POC_MODEL_PATH ?? str(model.path, 'model/model.onnx');
  return {
    projectName: str(project.name, 'poc'),
    projectRoot: resolve(root),
    modelPath: resolve(root, modelPath),
    profilePath: resolve(root, str(model.profile, modelPath.replace(/[^/\\]+$/, 'profile.json'))),
    modelVersion: env.POC_MODEL_VERSION ?? str(model.version, '0.1.0'),
    session: { ...SESSION_DEFAULTS, ...(section(model, 'session') as Partial<SessionSettings>) },
    confidenceThreshold: num(model.confidenceThreshold, 0.8),
    safeDefaultAction: str(model.safeDefaultAction, 'hold-for-human-review'),
    retraining: {
      minAccuracy: num(retraining.minAccuracy, 0.9),
      window: num(retraining.window, 500),
      cooldownMs: durationMs(str(retraining.cooldown, '24h')),
      ...(typeof retraining.webhook === 'string' ? { webhook: retraining.webhook } : {}),
    },
    sla: { percentile: num(sla.percentile, 95), boundMs: num(sla.boundMs, 50) },
    dataDir: absolute(root, env.POC_DATA_DIR ?? 'var'),
    port: num(env.PORT === undefined ? undefined : Number(env.PORT), 8080),
    host: env.HOST ?? '0.0.0.0',
    bodyLimitBytes: num(
      env.POC_BODY_LIMIT_BYTES === undefined ? undefined : Number(env.POC_BODY_LIMIT_BYTES),
      256 * 1024,
    ),
    ...(env.MQTT_URL ? { mqttUrl: env.MQTT_URL } : {}),
    maxTelemetryAgeSeconds: num(
      env.POC_MAX_TELEMETRY_AGE_SECONDS === undefined ? undefined : Number(env.POC_MAX_TELEMETRY_AGE_SECONDS),
      300,
    ),
    driftWindow: 500,
  };
}

function section(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = parent[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function num(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ConfigError(`expected a number, got ${String(value)}`);
  return value;
}

function absolute(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

/** "45s", "30m", "2h", "1d" as in poc.yaml. */
export function durationMs(text: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!match) throw new ConfigError(`invalid duration "${text}": use e.g. 45s, 30m, 2h or 1d`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
