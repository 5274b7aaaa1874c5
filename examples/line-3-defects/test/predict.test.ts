import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCase } from '../src/features/index.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

/** The example as JSON text with its first number replaced by `literal` (NaN, 1e999 ...). */
function withFirstNumber(literal: string): string {
  const copy = structuredClone(useCase.example) as unknown;
  const replace = (value: unknown): boolean => {
    if (!value || typeof value !== 'object') return false;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'number') {
        (value as Record<string, unknown>)[key] = '__NUMBER__';
        return true;
      }
      if (replace(child)) return true;
    }
    return false;
  };
  replace(copy);
  return JSON.stringify(copy).replace('"__NUMBER__"', literal);
}

describe('POST /v1/predict', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (payload: unknown, url = '/v1/predict') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  it('scores a typical input and accepts it with the model version', async () => {
    const response = await post(useCase.example);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(useCase.classes).toContain(body.prediction);
    expect(body.modelVersion).toBe(t.config.modelVersion);
    expect(body.confidence).toBeGreaterThanOrEqual(t.config.confidenceThreshold);
    expect(body.decision).toBe('accept');
    expect(body.action).toBeUndefined();
    expect(
      Object.values(body.probabilities as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBeCloseTo(1, 5);
  });

  it('sends an input outside the training profile to durable review with the safe default action', async () => {
    const response = await post(useCase.unusualExample);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.decision).toBe('review');
    expect(body.action).toBe(t.config.safeDefaultAction);
    expect(body.reasons.some((reason: string) => reason.startsWith('out-of-distribution:'))).toBe(true);
    const queue = await readFile(join(t.dataDir, 'reviews', 'queue.jsonl'), 'utf8');
    const item = JSON.parse(queue.trim().split('\n').pop()!);
    expect(item.predictionId).toBe(body.predictionId);
    expect(item.input).toEqual(useCase.unusualExample);
  });

  it.each([
    ['malformed JSON', '{"oops"', 'malformed-request'],
    ['a JSON string', '"hello"', 'invalid-input'],
    ['an empty object', '{}', 'invalid-input'],
    ['Infinity (1e999)', withFirstNumber('1e999'), 'invalid-input'],
    ['NaN', withFirstNumber('NaN'), 'malformed-request'],
    ['a wrong type', withFirstNumber('"12"'), 'invalid-input'],
    ['an unknown field', JSON.stringify({ ...useCase.example, extra: 1 }), 'invalid-input'],
  ])('rejects %s with 400 and field errors', async (_name, payload, code) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/predict',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
    if (code === 'invalid-input') expect(response.json().error.fields.length).toBeGreaterThan(0);
  });

  it('names the missing field', async () => {
    const incomplete = Object.fromEntries(Object.entries(useCase.example as object).slice(1));
    const response = await post(incomplete);
    const missing = Object.keys(useCase.example as object)[0];
    expect(response.json().error.fields).toContainEqual(expect.objectContaining({ field: `/${missing}` }));
  });

  it('refuses an oversize body with 413 and keeps serving', async () => {
    const payload = JSON.stringify({ ...useCase.example, padding: 'x'.repeat(t.config.bodyLimitBytes) });
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/predict',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('body-too-large');
    expect((await post(useCase.example)).statusCode).toBe(200);
  });

  it('returns the exact features the feature module computes when asked to explain', async () => {
    const body = (await post(useCase.example, '/v1/predict?explain=true')).json();
    expect(Object.keys(body.explanation.features)).toEqual([...useCase.featureNames]);
    expect(Object.values(body.explanation.features)).toEqual(useCase.computeFeatures(useCase.example));
  });

  it('never writes request payloads to the logs', async () => {
    await post(useCase.example);
    const secret = JSON.stringify(useCase.example).slice(2, 40);
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.join('\n')).not.toContain(secret);
  });
});
