import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import Verify from '../../src/commands/contract/verify.js';
import MockRecord from '../../src/commands/mock/record.js';

import { contractProject, startProjectMocks } from '../helpers/contract-project.js';
import { runCommand } from '../helpers/run-command.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const eventually = async (check: () => boolean) => {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('MQTT mock from AsyncAPI', () => {
  it("publishes on the contract's exact topics and checks what the AI system publishes on its own", async () => {
    const project = await contractProject();
    const traffic: { line: string; violation: boolean }[] = [];
    const session = await startProjectMocks(project.dir, {
      only: ['sensors'],
      seed: 2,
      onTraffic: (line, violation) => traffic.push({ line, violation }),
    });
    cleanups.push(() => session.stop());
    const { connectAsync } = await import('mqtt');
    const client = await connectAsync(`mqtt://127.0.0.1:${project.mqttPort}`);
    cleanups.push(() => client.endAsync());
    const topics = new Set<string>();
    client.on('message', (topic) => topics.add(topic));
    await client.subscribeAsync('#');
    await eventually(() => topics.size >= 2);
    expect([...topics].sort()).toEqual([
      'plant/line3/press1/bearing-temperature',
      'plant/line3/press1/vibration',
    ]);

    await client.publishAsync('plant/line3/press1/anomaly', JSON.stringify({ score: 0.2, level: 'normal' }));
    await client.publishAsync('plant/line3/press1/anomaly', JSON.stringify({ score: 1.7 }));
    await eventually(() => traffic.length >= 2);
    expect(traffic).toEqual([
      { line: 'plant/line3/press1/anomaly ok', violation: false },
      {
        line: 'plant/line3/press1/anomaly breaks anomalyScores of the contract: (payload): missing required field "level"; score: must be <= 1',
        violation: true,
      },
    ]);
    expect(session.mocks[0]!.received?.()).toEqual({ messages: 2, invalid: 1 });
  });
});

describe('channels with enum parameters (one stream per asset)', () => {
  it('publishes, verifies and records each asset on its own topic', async () => {
    const pumps = readFileSync(new URL('../fixtures/contracts/pumps.asyncapi.yaml', import.meta.url), 'utf8');
    const project = await contractProject({ files: { 'contracts/sensors.asyncapi.yaml': pumps } });
    const session = await startProjectMocks(project.dir, { only: ['sensors'], seed: 4 });
    cleanups.push(() => session.stop());
    expect(session.mocks[0]!.detail).toBe(
      '3 topics: plant/line-3/pump/pump-7/pressure @ 5 Hz, plant/line-3/pump/pump-8/pressure @ 5 Hz, plant/line-3/pump/pump-9/pressure @ 5 Hz',
    );
    const { exitCode, json } = await runCommand(Verify, [
      'sensors',
      '--dir',
      project.dir,
      '--window',
      '3s',
      '--json',
    ]);
    const checks = (
      json?.result as { checks: { subject: string; check: string; passed: boolean; details: string[] }[] }
    ).checks;
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    expect(exitCode).toBe(0);
    const rates = checks.filter((c) => c.check === 'rate');
    expect(rates.map((c) => c.subject)).toEqual([
      'pumpPressure plant/line-3/pump/pump-7/pressure',
      'pumpPressure plant/line-3/pump/pump-8/pressure',
      'pumpPressure plant/line-3/pump/pump-9/pressure',
    ]);
    expect(checks.find((c) => c.check === 'sequence')?.details[0]).toMatch(/^0 samples lost/);

    const out = join(project.dir, 'rec');
    const recorded = await runCommand(MockRecord, [
      '--dir',
      project.dir,
      '--duration',
      '2s',
      '--out',
      out,
      '--json',
    ]);
    const files = (recorded.json?.result as { channels: { file: string; messages: number }[] }).channels;
    expect(files).toEqual([
      {
        integration: 'sensors',
        channel: 'pumpPressure',
        topic: 'plant/line-3/pump/pump-7/pressure',
        file: 'sensors.pumpPressure.plant_line-3_pump_pump-7_pressure.jsonl',
        messages: 10,
      },
      {
        integration: 'sensors',
        channel: 'pumpPressure',
        topic: 'plant/line-3/pump/pump-8/pressure',
        file: 'sensors.pumpPressure.plant_line-3_pump_pump-8_pressure.jsonl',
        messages: 10,
      },
      {
        integration: 'sensors',
        channel: 'pumpPressure',
        topic: 'plant/line-3/pump/pump-9/pressure',
        file: 'sensors.pumpPressure.plant_line-3_pump_pump-9_pressure.jsonl',
        messages: 10,
      },
    ]);
    const first = (file: string) =>
      JSON.parse(readFileSync(join(out, file), 'utf8').split('\n')[0]!).payload.bar;
    expect(first(files[0]!.file)).not.toBe(first(files[1]!.file)); // each asset has its own noise
  });
});
