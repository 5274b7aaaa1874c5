import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetrainingTrigger, type TriggerEvent } from '../src/feedback/retraining-trigger.js';

const event: TriggerEvent = {
  project: 'p',
  modelVersion: '1.0.0',
  reason: 'accuracy low',
  accuracy: 0.5,
  minAccuracy: 0.9,
  window: 50,
  at: '2026-01-01T00:00:00.000Z',
};

describe('retraining trigger', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'poc-retrain-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('fires at most once per cooldown, across restarts, and again after it', async () => {
    const hour = 3_600_000;
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(await new RetrainingTrigger({ dataDir, cooldownMs: hour }).fire(event, start)).toBe('marker');
    expect(
      await new RetrainingTrigger({ dataDir, cooldownMs: hour }).fire(event, start + hour - 1),
    ).toBeUndefined();
    expect(await new RetrainingTrigger({ dataDir, cooldownMs: hour }).fire(event, start + hour)).toBe(
      'marker',
    );
    const markers = (await readdir(join(dataDir, 'retraining'))).filter((name) =>
      name.startsWith('requested-'),
    );
    expect(markers).toHaveLength(2);
  });
});
