import { describe, expect, it } from 'vitest';

import Bench from '../../src/commands/bench.js';
import { parseEvidence } from '../../src/bench/index.js';
import { modelFile } from '../fixtures/models/model-cache.js';
import { matmul, slow } from '../fixtures/models/test-models.js';
import { runCommand } from '../helpers/run-command.js';

// Keeps runs short and the verdict independent of how loaded the test machine is.
const quick = ['--warmup', '3', '--noise-limit', '100000', '--json'];

describe('poc bench verdicts', () => {
  it('passes a fast model against a generous SLA, stopping as soon as it is decided', async () => {
    const model = await modelFile(matmul());
    const out = await runCommand(Bench, [model, '--sla-ms', '1000', '--max-duration', '20', ...quick]);
    expect(out.exitCode, out.stderr).toBe(0);
    const evidence = parseEvidence(out.json);
    expect(evidence.verdict).toBe('pass');
    expect(evidence.stoppedBy).toBe('decided');
    expect(evidence.slaVerdict.interval.highMs).toBeLessThanOrEqual(1000);
  });

  it('fails a deliberately slow model against a tight SLA', async () => {
    const model = await modelFile(slow());
    const out = await runCommand(Bench, [
      model,
      '--sla-ms',
      '0.01',
      '--percentile',
      '50',
      '--max-duration',
      '5',
      ...quick,
    ]);
    expect(out.exitCode, out.stderr).toBe(1);
    expect(out.json?.status).toBe(1);
    const evidence = parseEvidence(out.json);
    expect(evidence.verdict).toBe('fail');
    expect(evidence.slaVerdict.interval.lowMs).toBeGreaterThan(0.01);
  });

  it('is inconclusive when the budget ends before the percentile is decided, and says how many more samples', async () => {
    const model = await modelFile(slow());
    const out = await runCommand(Bench, [
      model,
      '--sla-ms',
      '10000',
      '--percentile',
      '99',
      '--max-samples',
      '20',
      ...quick,
    ]);
    expect(out.exitCode, out.stderr).toBe(3);
    const evidence = parseEvidence(out.json);
    expect(evidence.verdict).toBe('inconclusive');
    expect(evidence.stoppedBy).toBe('max-samples');
    expect(evidence.slaVerdict.moreSamples).toBeGreaterThan(0);
    expect(evidence.slaVerdict.reason).toMatch(/more samples would decide/);
  });
});
