import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { useCase } from '../src/features/index.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('health, readiness and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is live and ready once the model is loaded', async () => {
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().modelVersion).toBe(t.config.modelVersion);
  });

  it('exports the metrics the chart and dashboard rely on', async () => {
    for (let i = 0; i < 60; i++) {
      await t.app.inject({ method: 'POST', url: '/v1/predict', payload: useCase.example as object });
    }
    await t.app.inject({ method: 'POST', url: '/v1/predict', payload: useCase.unusualExample as object });
    const text = (await t.app.inject('/metrics')).body;
    for (const name of [
      'poc_inference_latency_seconds_bucket',
      'poc_predictions_total{class=',
      'poc_prediction_confidence_bucket',
      'poc_feature_drift_psi{feature=',
      'poc_ood_total 1',
      'poc_http_requests_total{route="/v1/predict",status="200"}',
      `poc_model_info{version="${t.config.modelVersion}"} 1`,
      'poc_model_ready 1',
    ]) {
      expect(text).toContain(name);
    }
  });
});

describe('a model that cannot be served', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poc-bad-model-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['missing', async () => join(dir, 'absent.onnx'), /not found/],
    [
      'corrupt',
      async () => {
        const path = join(dir, 'corrupt.onnx');
        await writeFile(path, 'definitely not protobuf');
        return path;
      },
      /not a loadable ONNX model/,
    ],
  ])(
    'keeps the app up but not ready when the model file is %s, and says why',
    async (_name, make, reason) => {
      const t = await startTestApp({ modelPath: await make() });
      try {
        expect((await t.app.inject('/healthz')).statusCode).toBe(200);
        const ready = await t.app.inject('/readyz');
        expect(ready.statusCode).toBe(503);
        expect(ready.json().reason).toMatch(reason);
        const predict = await t.app.inject({
          method: 'POST',
          url: '/v1/predict',
          payload: useCase.example as object,
        });
        expect(predict.statusCode).toBe(503);
        expect(predict.json().error.message).toMatch(reason);
      } finally {
        await t.close();
      }
    },
  );

  it('refuses a profile built for other features', async () => {
    const profile = join(dir, 'profile.json');
    await writeFile(
      profile,
      JSON.stringify({ classes: useCase.classes, samples: 1, features: [{ name: 'other' }] }),
    );
    const t = await startTestApp({ profilePath: profile });
    try {
      expect((await t.app.inject('/readyz')).json().reason).toMatch(/was built for features \[other\]/);
    } finally {
      await t.close();
    }
  });

  it('becomes ready after loading even when started not ready', async () => {
    const model = join(dir, 'copy.onnx');
    const t = await startTestApp({ modelPath: model }, false);
    try {
      expect((await t.app.inject('/readyz')).statusCode).toBe(503);
      await copyFile((await loadConfig(process.cwd(), {})).modelPath, model);
      await t.runtime.load();
      expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
