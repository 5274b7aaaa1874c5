import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

import { startMocks, type MockSession } from '../../src/contracts/index.js';
import { loadProject } from '../../src/manifest/index.js';
import { freePort } from '../helpers/contract-project.js';
import { EVERYTHING, generateProject } from '../helpers/generate-project.js';
import { ROOT } from '../helpers/run-command.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Verdict = { accepted: true; gap: number } | { accepted: false; reason: string; detail: string };
type Checks = { check(topic: string, payload: Buffer): Verdict };

/**
 * The generated project's own ingestion code (src/ingestion: contract check and the per-message
 * checks its MQTT subscriber applies) runs, unchanged, against the stream `poc mock` publishes:
 * only the broker URL differs from production. Its dependencies (ajv, yaml) come from this
 * repository's node_modules through a symlink; the full subscriber also needs pino and the
 * serving runtime, which are not installed here.
 */
async function ingestFromMock(useCase: string, scenario?: string) {
  const { dir } = await generateProject({ ...EVERYTHING, useCase });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const port = await freePort();
  const manifestFile = join(dir, 'poc.yaml');
  writeFileSync(
    manifestFile,
    readFileSync(manifestFile, 'utf8').replace(/mqtt:\/\/127\.0\.0\.1:\d+/, `mqtt://127.0.0.1:${port}`),
  );
  if (scenario) writeFileSync(join(dir, 'scenario.yaml'), scenario);

  const { contractMismatches } = (await import(
    pathToFileURL(join(dir, 'src/ingestion/contract-check.ts')).href
  )) as {
    contractMismatches(file: string): Promise<string[] | undefined>;
  };
  expect(await contractMismatches(join(dir, 'contracts/sensors.asyncapi.yaml'))).toEqual([]);
  const { TelemetryChecks } = (await import(pathToFileURL(join(dir, 'src/ingestion/checks.ts')).href)) as {
    TelemetryChecks: new (maxAgeMs: number) => Checks;
  };

  const { root, manifest } = await loadProject(dir);
  const sensors = manifest.integrations.find((i) => i.kind === 'mqtt')!;
  const session: MockSession = await startMocks(root, manifest, {
    only: [sensors.name],
    seed: 9,
    latencyMs: [0, 0],
    errorRate: 0,
    speed: 1,
    scenarioFile: scenario ? join(dir, 'scenario.yaml') : undefined,
  });
  cleanups.push(() => session.stop());
  const { connectAsync } = await import('mqtt');
  const client = await connectAsync(`mqtt://127.0.0.1:${port}`);
  cleanups.push(() => client.endAsync());
  const checks = new TelemetryChecks(30_000);
  const verdicts: Verdict[] = [];
  client.on('message', (topic, payload) => verdicts.push(checks.check(topic, payload)));
  await client.subscribeAsync('plant/#');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return verdicts;
}

describe("a generated project's ingestion against poc mock", () => {
  for (const useCase of ['quality-inspection', 'predictive-maintenance']) {
    it(`${useCase}: every simulated reading passes the project's ingestion checks`, async () => {
      const verdicts = await ingestFromMock(useCase);
      expect(verdicts.length).toBeGreaterThan(10);
      const rejected = verdicts.filter((v) => !v.accepted);
      expect(rejected).toEqual([]);
      expect(verdicts.every((v) => v.accepted && v.gap === 0)).toBe(true);
    });
  }

  it('a faulty scenario is caught by the same checks, for the reasons it injects', async () => {
    const { dir: probe } = await generateProject({ ...EVERYTHING, useCase: 'predictive-maintenance' });
    const contract = readFileSync(join(probe, 'contracts/sensors.asyncapi.yaml'), 'utf8');
    const channel = /channels:\n {2}(\w+):/.exec(contract)![1]!;
    const verdicts = await ingestFromMock(
      'predictive-maintenance',
      `channels:\n  ${channel}:\n    effects:\n      - { type: badQuality, rate: 0.2 }\n      - { type: duplicates, rate: 0.2 }\n      - { type: dropouts, rate: 0.1 }\n`,
    );
    const reasons = new Set(verdicts.flatMap((v) => (v.accepted ? [] : [v.reason])));
    expect([...reasons].sort()).toEqual(['duplicate', 'quality']);
    expect(verdicts.some((v) => v.accepted && v.gap > 0)).toBe(true);
  });
});
