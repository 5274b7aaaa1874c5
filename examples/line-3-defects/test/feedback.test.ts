import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useCase } from '../src/features/index.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const wrongClass = (predicted: string) => useCase.classes.find((name) => name !== predicted)!;

async function predictAndAnswer(t: TestApp, count: number, answer: (predicted: string) => string) {
  const results = [];
  for (let i = 0; i < count; i++) {
    const prediction = (
      await t.app.inject({ method: 'POST', url: '/v1/predict', payload: useCase.example as object })
    ).json();
    const feedback = await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { predictionId: prediction.predictionId, actual: answer(prediction.prediction), source: 'qc' },
    });
    results.push(feedback);
  }
  return results;
}

describe('POST /v1/feedback and retraining', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('records ground truth durably and scores the model version', async () => {
    t = await startTestApp();
    const [first] = await predictAndAnswer(t, 3, (predicted) => predicted);
    expect(first!.statusCode).toBe(201);
    expect(first!.json().outcome).toBe('confirmed');
    const stored = (await readFile(join(t.dataDir, 'feedback', 'feedback.jsonl'), 'utf8')).trim().split('\n');
    expect(stored).toHaveLength(3);
    const metrics = (await t.app.inject('/metrics')).body;
    expect(metrics).toContain(`poc_feedback_accuracy{version="${t.config.modelVersion}"} 1`);
    expect(metrics).toContain(`poc_feedback_window_size{version="${t.config.modelVersion}"} 3`);
  });

  it('rejects unknown prediction ids (404), repeated feedback (409) and bad bodies (400)', async () => {
    t = await startTestApp();
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { predictionId: 'nope', actual: useCase.classes[0] },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown-prediction');
    const [answered] = await predictAndAnswer(t, 1, (predicted) => predicted);
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { predictionId: answered!.json().predictionId, actual: useCase.classes[0] },
    });
    expect(again.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { predictionId: 'x', actual: 'not-a-class' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('/actual');
  });

  it('accepts only one of two concurrent answers for the same prediction', async () => {
    t = await startTestApp();
    const prediction = (
      await t.app.inject({ method: 'POST', url: '/v1/predict', payload: useCase.example as object })
    ).json();
    const answer = () =>
      t!.app.inject({
        method: 'POST',
        url: '/v1/feedback',
        payload: { predictionId: prediction.predictionId, actual: useCase.classes[0] },
      });
    const statuses = (await Promise.all([answer(), answer()])).map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('remembers predictions and feedback across a restart', async () => {
    t = await startTestApp();
    const prediction = (
      await t.app.inject({ method: 'POST', url: '/v1/predict', payload: useCase.example as object })
    ).json();
    await t.runtime.close();
    const { Runtime } = await import('../src/runtime.js');
    const { pino } = await import('pino');
    const reopened = await Runtime.open(t.config, pino({ level: 'silent' }));
    expect(reopened.predictions.get(prediction.predictionId)?.predicted).toBe(prediction.prediction);
    await reopened.close();
  });

  it('writes one retraining marker when accuracy falls below the threshold, then cools down', async () => {
    t = await startTestApp({ retraining: { minAccuracy: 0.9, window: 10, cooldownMs: 3_600_000 } });
    const responses = await predictAndAnswer(t, 14, wrongClass);
    const fired = responses.map((response) => response.json().retraining).filter(Boolean);
    expect(fired).toEqual(['marker']);
    expect(responses[9]!.json().retraining).toBe('marker');
    const markers = (await readdir(join(t.dataDir, 'retraining'))).filter((name) =>
      name.startsWith('requested-'),
    );
    expect(markers).toHaveLength(1);
    const marker = JSON.parse(await readFile(join(t.dataDir, 'retraining', markers[0]!), 'utf8'));
    expect(marker).toMatchObject({ modelVersion: t.config.modelVersion, accuracy: 0, minAccuracy: 0.9 });
    const metrics = (await t.app.inject('/metrics')).body;
    expect(metrics).toContain('poc_retraining_triggers_total{channel="marker"} 1');
    expect(metrics).toMatch(/poc_feedback_total\{version="[^"]+",outcome="(false-alarm|missed)"\} 14/);
  });

  it('calls the webhook from poc.yaml when one is set', async () => {
    const received: unknown[] = [];
    const server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(body));
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const webhook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/retrain`;
      t = await startTestApp({
        retraining: { minAccuracy: 0.9, window: 10, cooldownMs: 3_600_000, webhook },
      });
      const responses = await predictAndAnswer(t, 10, wrongClass);
      expect(responses[9]!.json().retraining).toBe('webhook');
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ modelVersion: t.config.modelVersion, accuracy: 0 });
    } finally {
      server.close();
    }
  });

  it('falls back to the marker file when the webhook is unreachable', async () => {
    t = await startTestApp({
      retraining: {
        minAccuracy: 0.9,
        window: 10,
        cooldownMs: 3_600_000,
        webhook: 'http://127.0.0.1:1/retrain',
      },
    });
    const responses = await predictAndAnswer(t, 10, wrongClass);
    expect(responses[9]!.json().retraining).toBe('webhook-failed');
    expect((await readdir(join(t.dataDir, 'retraining'))).some((name) => name.startsWith('requested-'))).toBe(
      true,
    );
  });
});
