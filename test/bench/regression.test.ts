import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import Bench from '../../src/commands/bench.js';
import type { BenchEvidence } from '../../src/bench/index.js';
import { modelFile } from '../fixtures/models/model-cache.js';
import { matmul, slow } from '../fixtures/models/test-models.js';
import { runCommand } from '../helpers/run-command.js';

const quick = ['--warmup', '3', '--noise-limit', '100000', '--json'];

describe('poc bench regression checks', () => {
  let dir: string;
  let fast: string;
  let heavy: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poc-bench-regression-'));
    fast = await modelFile(matmul());
    heavy = await modelFile(slow());
    const out = await runCommand(Bench, [
      fast,
      '--sla-ms',
      '1000',
      '--max-duration',
      '10',
      '--min-samples',
      '400',
      ...quick,
    ]);
    expect(out.exitCode, out.stderr).toBe(0);
    await writeFile(join(dir, 'baseline.json'), out.stdout);
  });

  it('compares against a baseline with a bootstrap interval of the ratio', async () => {
    const out = await runCommand(Bench, [
      fast,
      '--sla-ms',
      '1000',
      '--min-samples',
      '400',
      '--baseline',
      join(dir, 'baseline.json'),
      ...quick,
    ]);
    expect(out.exitCode, out.stderr).toBe(0);
    const regression = (out.json?.result as BenchEvidence).regression;
    expect(regression?.against).toBe('baseline');
    expect(regression?.low).toBeLessThanOrEqual(regression?.ratio as number);
    expect(regression?.high).toBeGreaterThanOrEqual(regression?.ratio as number);
    expect(regression?.status).toBeNull(); // no --max-regression: reported, not judged
  });

  it('fails a model confidently slower than the baseline allows', async () => {
    // The slow model does ~100x the work of the baseline's: a regression no noise explains.
    const out = await runCommand(Bench, [
      heavy,
      '--sla-ms',
      '1000',
      '--min-samples',
      '100',
      '--max-duration',
      '10', // ends as soon as the SLA is decided; the budget only matters on a crowded machine
      '--baseline',
      join(dir, 'baseline.json'),
      '--max-regression',
      '10',
      ...quick,
    ]);
    expect(out.exitCode, out.stderr).toBe(1);
    const result = out.json?.result as BenchEvidence;
    expect(result.slaVerdict.status).toBe('pass');
    expect(result.regression?.status).toBe('fail');
    expect(result.regression?.low).toBeGreaterThan(1.1);
    expect(result.verdict).toBe('fail');
  });

  it('runs two models interleaved and reports the ratio (--compare)', async () => {
    // Two 256x256 products against one 64x64: ~500x the work, and quick enough for many blocks.
    const heavy = await modelFile(slow(2));
    // The median needs few samples to decide, so a crowded machine still gets a verdict.
    const faster = await runCommand(Bench, [
      fast,
      '--compare',
      heavy,
      '--sla-ms',
      '1000',
      '--percentile',
      '50',
      '--max-duration',
      '3',
      '--max-regression',
      '10',
      ...quick,
    ]);
    expect(faster.exitCode, faster.stderr).toBe(0);
    const ab = (faster.json?.result as BenchEvidence).regression;
    expect(ab?.against).toBe('compare');
    expect(ab?.high).toBeLessThan(1);
    expect(ab?.status).toBe('pass');

    const slower = await runCommand(Bench, [
      heavy,
      '--compare',
      fast,
      '--sla-ms',
      '1000',
      '--percentile',
      '50',
      '--max-duration',
      '3',
      '--max-regression',
      '10',
      ...quick,
    ]);
    expect(slower.exitCode, slower.stderr).toBe(1);
    expect((slower.json?.result as BenchEvidence).regression?.status).toBe('fail');
  });

  it('refuses a baseline that is not bench evidence', async () => {
    await writeFile(join(dir, 'junk.json'), '{"hello": 1}');
    const out = await runCommand(Bench, [
      fast,
      '--sla-ms',
      '1000',
      '--baseline',
      join(dir, 'junk.json'),
      ...quick,
    ]);
    expect(out.exitCode).toBe(2);
    expect(out.json?.error?.code).toBe('EVIDENCE_INVALID');
  });
});
