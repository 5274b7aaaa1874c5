import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig, type RuntimeConfig } from '../../src/config.js';
import { Runtime } from '../../src/runtime.js';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  config: RuntimeConfig;
  dataDir: string;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real app (real model, real stores, real metrics) on the project's own poc.yaml, with a
 * fresh data directory and captured logs. Overrides tweak the config for one test.
 */
export async function startTestApp(overrides: Partial<RuntimeConfig> = {}, load = true): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'poc-runtime-'));
  const base = await loadConfig(process.cwd(), { POC_DATA_DIR: dataDir });
  const config: RuntimeConfig = { ...base, ...overrides };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const runtime = await Runtime.open(config, logger);
  const app = buildApp(runtime, logger);
  await app.ready();
  if (load) await runtime.load();
  return {
    app,
    runtime,
    config,
    dataDir,
    logs,
    async close() {
      try {
        await app.close();
        await runtime.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
