import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCase } from '../src/features/index.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

/** Inputs that differ in every numeric field, derived from the use case's examples. */
function variants(): unknown[] {
  const scale = (value: unknown, factor: number): unknown => {
    if (typeof value === 'number') return Math.round(value * factor * 1e6) / 1e6;
    if (Array.isArray(value)) return value.map((item) => scale(item, factor));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scale(v, factor)]));
    return value;
  };
  return [
    useCase.example,
    useCase.unusualExample,
    scale(useCase.example, 1.013),
    scale(useCase.example, 0.9871),
  ];
}

describe('one feature module for training and serving', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives identical features for the same raw input through npm run build-features and the API', async () => {
    const inputs = variants();
    const raw = join(t.dataDir, 'raw.jsonl');
    await writeFile(
      raw,
      inputs.map((input) => JSON.stringify({ input, label: useCase.classes[0] })).join('\n'),
    );
    const out = join(t.dataDir, 'table');
    await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'src/cli/build-features.ts',
      '--in',
      raw,
      '--out',
      out,
    ]);
    const [header, ...rows] = (await readFile(join(out, 'features.csv'), 'utf8')).trim().split('\n');
    expect(header).toBe([...useCase.featureNames, 'label'].join(','));
    expect(rows).toHaveLength(inputs.length);
    const schema = JSON.parse(await readFile(join(out, 'schema.json'), 'utf8'));
    expect(schema.features).toEqual([...useCase.featureNames]);

    for (const [i, input] of inputs.entries()) {
      const served = (
        await t.app.inject({ method: 'POST', url: '/v1/predict?explain=true', payload: input as object })
      ).json();
      const trained = rows[i]!.split(',').slice(0, -1).map(Number);
      expect(Object.values(served.explanation.features)).toEqual(trained);
    }
  });

  it('skips records the API would reject, and says why', async () => {
    const raw = join(t.dataDir, 'mixed.jsonl');
    const lines = [
      JSON.stringify({ input: useCase.example, label: useCase.classes[1] }),
      JSON.stringify({ input: { nope: true }, label: useCase.classes[0] }),
      JSON.stringify({ input: useCase.example, label: 'unknown' }),
      '{not json',
    ];
    await writeFile(raw, lines.join('\n'));
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'src/cli/build-features.ts',
      '--in',
      raw,
      '--out',
      join(t.dataDir, 'mixed'),
    ]);
    expect(JSON.parse(stdout)).toMatchObject({
      rows: 1,
      skipped: { 'invalid-input': 1, 'unknown-label': 1, 'malformed-json': 1 },
    });
  });

  it('is deterministic', () => {
    expect(useCase.computeFeatures(useCase.example)).toEqual(
      useCase.computeFeatures(structuredClone(useCase.example)),
    );
  });
});
