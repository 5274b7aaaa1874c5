import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCase } from '../src/features/index.js';
import { tableRows, type TableReport } from '../src/features/table.js';
import { exportReviews } from '../src/store/review-export.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('review queue export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('exports unanswered reviews as a labelling batch that the feature build accepts once labelled', async () => {
    const review = async () =>
      (
        await t.app.inject({ method: 'POST', url: '/v1/predict', payload: useCase.unusualExample as object })
      ).json();
    const answered = await review();
    const pending = await review();
    await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { predictionId: answered.predictionId, actual: useCase.positiveClass },
    });

    const batch = join(t.dataDir, 'batch.jsonl');
    expect(await exportReviews(t.dataDir, batch)).toBe(1);
    const items = (await readFile(batch, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(items).toEqual([
      expect.objectContaining({
        predictionId: pending.predictionId,
        label: null,
        input: useCase.unusualExample,
      }),
    ]);

    const report: TableReport = { rows: 0, skipped: {} };
    for await (const _row of tableRows(batch, report)) void _row;
    expect(report).toEqual({ rows: 0, skipped: { unlabelled: 1 } });
  });
});
