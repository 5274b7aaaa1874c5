import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ajv, useCase } from '../src/features/index.js';
import { contractMismatches } from '../src/ingestion/contract-check.js';
import { startSubscriber, type Subscriber } from '../src/ingestion/subscriber.js';
import { eventually, TestBroker } from './helpers/broker.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const { sensors } = useCase;
/** The contract's topic for one device: the filter's `+` levels filled in. */
const topicOf = (device: string) => {
  const names = ['plant-a', 'line-3', device];
  return sensors.topic.replace(/\+/g, () => names.shift()!);
};
const firstSignal = sensors.signals[0]!;
const contractPath = join(process.cwd(), 'contracts', 'sensors.asyncapi.yaml');

/** A payload schema from the project's sensor contract, or undefined without one. */
async function contractSchema(name: string): Promise<Record<string, unknown> | undefined> {
  const text = await readFile(contractPath, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  return (parse(text) as { components: { schemas: Record<string, Record<string, unknown>> } }).components
    .schemas[name];
}

describe('MQTT ingestion against a real broker', () => {
  const broker = new TestBroker();
  let t: TestApp;
  let subscriber: Subscriber;
  let publisher: MqttClient;

  const metric = async (line: string): Promise<number> => {
    const text = (await t.app.inject('/metrics')).body;
    const match = text.split('\n').find((row) => row.startsWith(line));
    return match ? Number(match.split(' ').pop()) : 0;
  };
  const sampleAt = (sequence: number, overrides: Record<string, unknown> = {}, at = new Date()) => ({
    ...sensors.example,
    sequence,
    timestamp: at.toISOString(),
    ...overrides,
  });
  const send = (device: string, payload: unknown) =>
    publisher.publishAsync(topicOf(device), typeof payload === 'string' ? payload : JSON.stringify(payload), {
      qos: 1,
    });

  beforeAll(async () => {
    await broker.start();
    t = await startTestApp();
    subscriber = await startSubscriber(t.runtime, broker.url, pino({ level: 'silent' }));
    await subscriber.connected;
    publisher = await connectAsync(broker.url, { reconnectPeriod: 200 });
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await subscriber?.close();
    await t?.close();
    await broker.stop();
  });

  it('accepts good samples, records them durably, assembles inputs, scores them and publishes the result', async () => {
    const results: { topic: string; payload: Record<string, unknown> }[] = [];
    const listener = await connectAsync(broker.url);
    const resultFilter = topicOf('+').replace(/\/telemetry$/, '/#');
    await listener.subscribeAsync(resultFilter, { qos: 1 });
    listener.on('message', (topic, payload) => {
      if (!topic.endsWith('/telemetry')) results.push({ topic, payload: JSON.parse(payload.toString()) });
    });
    // A stream that changes what it observes every 10 samples (a new part, or stop/run for a
    // window-based asset), long enough for the assembler to complete at least one input.
    for (let sequence = 0; sequence < 120; sequence++) {
      const phase = Math.floor(sequence / 10);
      const overrides =
        'partPresent' in sensors.example ? { serialNumber: `SN-${phase}`, partPresent: phase % 3 !== 2 } : {};
      await send('dev-a', sampleAt(sequence, overrides));
    }
    await eventually(async () => (await metric('poc_ingest_messages_total{result="accepted"}')) === 120);
    const recorded = (await readFile(join(t.dataDir, 'raw', 'telemetry.jsonl'), 'utf8')).trim().split('\n');
    expect(recorded).toHaveLength(120);
    await eventually(async () => (await metric('poc_predictions_total')) >= 1);
    await eventually(() => results.length >= 1);
    await listener.endAsync();
    expect(results[0]!.topic).toBe(
      topicOf('dev-a').replace(/\/telemetry$/, `/${results[0]!.topic.split('/').pop()}`),
    );
    expect(results[0]!.payload.modelVersion).toBe(t.config.modelVersion);
    // When the project has the sensor contract, the result must match its schema.
    const schema = await contractSchema(sensors.resultSchema);
    if (schema) {
      // The contract annotates fields with units and rates: known keywords, not constraints.
      if (!ajv.getKeyword('x-unit')) ajv.addVocabulary(['x-unit', 'x-sample-rate-hz']);
      const validate = ajv.compile(schema);
      expect(validate(results[0]!.payload), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('rejects bad records to the dead-letter file with the reason', async () => {
    const old = new Date(Date.now() - 3_600_000);
    await send('dev-b', 'not json');
    await send('dev-b', { nope: 1 });
    await send('dev-b', sampleAt(2, { [firstSignal.name]: firstSignal.max + 1 }));
    await send('dev-b', sampleAt(3, { quality: 'bad', qualityReason: 'sensor-fault' }));
    await send('dev-b', sampleAt(4, { quality: 'uncertain', qualityReason: 'calibration-due' }));
    await send('dev-b', sampleAt(5, {}, old));
    await send('dev-b', sampleAt(10));
    await send('dev-b', sampleAt(10));
    await send('dev-b', sampleAt(7));
    await eventually(async () => (await metric('poc_ingest_messages_total{result="rejected"}')) === 8);
    const dead = (await readFile(join(t.dataDir, 'dead-letter', 'telemetry.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(dead.map((entry) => entry.reason)).toEqual([
      'malformed',
      'schema',
      'range',
      'quality',
      'quality',
      'stale',
      'duplicate',
      'out-of-order',
    ]);
    expect(Buffer.from(dead[0].payload, 'base64').toString()).toBe('not json');
    expect(dead[4].detail).toContain('calibration-due');
    expect(await metric('poc_ingest_rejections_total{reason="range"}')).toBe(1);
    await send('dev-b', sampleAt(14));
    await eventually(async () => (await metric('poc_ingest_gaps_total')) === 3);
  });

  it('reconnects after the broker goes away and comes back, says so in a metric, and resumes', async () => {
    expect(await metric('poc_mqtt_connected')).toBe(1);
    await broker.stop();
    await eventually(async () => (await metric('poc_mqtt_connected')) === 0);
    await broker.start();
    await eventually(
      async () =>
        (await metric('poc_mqtt_connected')) === 1 && (await metric('poc_mqtt_reconnects_total')) >= 1,
    );
    await eventually(() => publisher.connected);
    const before = await metric('poc_ingest_messages_total{result="accepted"}');
    await send('dev-c', sampleAt(0));
    await eventually(
      async () => (await metric('poc_ingest_messages_total{result="accepted"}')) === before + 1,
    );
  });
});

describe('the sensor contract', () => {
  it('agrees with the feature code on signals, units and ranges (when the project has one)', async () => {
    const mismatches = await contractMismatches(contractPath);
    // Projects generated without the sensors-mqtt integration have no sensor contract.
    if (mismatches !== undefined) expect(mismatches).toEqual([]);
  });
});
