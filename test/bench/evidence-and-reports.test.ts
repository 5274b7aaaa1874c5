import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import Bench from '../../src/commands/bench.js';
import {
  EVIDENCE_SCHEMA_VERSION,
  evidenceSchema,
  profileHash,
  readEvidence,
  renderJunit,
  type BenchEvidence,
} from '../../src/bench/index.js';
import { modelFile } from '../fixtures/models/model-cache.js';
import { int64Inputs, mlp, symbolic } from '../fixtures/models/test-models.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

const quick = ['--warmup', '3', '--noise-limit', '100000'];

/** Parses XML with Python's standard library parser (Debian's python3): a real XML parser, not a regex. */
function parseXml(file: string): string {
  return execFileSync(
    '/usr/bin/python3',
    ['-c', 'import sys, xml.etree.ElementTree as ET; print(ET.parse(sys.argv[1]).getroot().tag)', file],
    {
      encoding: 'utf8',
    },
  ).trim();
}

describe('poc bench evidence and reports', () => {
  let dir: string;
  let evidence: BenchEvidence;
  let model: string;

  // Shared by the tests of this block, so made here rather than with tempDir (removed per test).
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poc-bench-evidence-'));
    model = await modelFile(mlp());
    const out = await runCommand(Bench, [
      model,
      '--sla-ms', '500', '--percentile', '99', '--max-duration', '10', '--min-samples', '300',
      '--plot', join(dir, 'latency.svg'), '--markdown', join(dir, 'summary.md'), '--junit', join(dir, 'bench.xml'),
      '--intra-op-threads', '1', '--no-mem-pattern',
      ...quick, '--json',
    ]); // prettier-ignore
    expect(out.exitCode, out.stderr).toBe(0);
    await writeFile(join(dir, 'bench.json'), out.stdout);
    evidence = await readEvidence(join(dir, 'bench.json'));
  });

  it('writes schema-versioned evidence with the fields CI and promote rely on', async () => {
    expect(evidence.schemaVersion).toBe(EVIDENCE_SCHEMA_VERSION);
    expect(evidenceSchema.safeParse(evidence).success).toBe(true);
    expect(evidence.verdict).toBe('pass');
    expect(Object.keys(evidence.latencyMs)).toEqual(
      expect.arrayContaining(['p50', 'p90', 'p95', 'p99', 'max']),
    );
    expect(evidence.sla).toEqual({ percentile: 99, boundMs: 500, source: 'flags' });
    expect(evidence.samples).toBeGreaterThanOrEqual(300);
    expect(evidence.model.sha256).toBe(
      createHash('sha256')
        .update(await readFile(model))
        .digest('hex'),
    );
    expect(evidence.profile).toMatchObject({
      intraOpThreads: 1,
      enableMemPattern: false,
      executionProviders: ['cpu'],
    });
    expect(evidence.profileHash).toBe(profileHash(evidence.profile as never));
    expect(evidence.environment.cores).toBeGreaterThan(0);
    expect(evidence.environment.onnxruntime).toMatch(/^\d+\.\d+\.\d+/);
    expect(evidence.histogram.buckets.reduce((sum, [, count]) => sum + count, 0)).toBe(evidence.samples);
    expect(evidence.histogram.hdrPercentiles.length).toBeGreaterThan(0);
    expect(evidence.coldStart.sessionCreateMs).toBeGreaterThan(0);
    expect(evidence.seeds.inputs).toBe(1);
    const l = evidence.latencyMs;
    expect(l.min <= l.p50 && l.p50 <= l.p90 && l.p90 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.max).toBe(true);
  });

  it('writes an SVG plot that parses as XML and marks the SLA', async () => {
    const svg = await readFile(join(dir, 'latency.svg'), 'utf8');
    expect(parseXml(join(dir, 'latency.svg'))).toBe('{http://www.w3.org/2000/svg}svg');
    expect(svg).toContain('<title>SLA 500 ms</title>');
    expect(svg).toMatch(/id="cdf"/);
    expect(svg).toMatch(/id="histogram"/);
  });

  it('writes JUnit XML and a Markdown summary', async () => {
    expect(parseXml(join(dir, 'bench.xml'))).toBe('testsuites');
    const junit = await readFile(join(dir, 'bench.xml'), 'utf8');
    expect(junit).toContain('name="p99 &lt;= 500 ms"');
    expect(junit).not.toContain('<failure');
    const markdown = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(markdown).toMatch(/^## ✅ poc bench: PASS/);
    expect(markdown).toContain('| p99 ≤ 500 ms |');
  });

  it('reports a failed SLA as a JUnit failure and an inconclusive one as skipped', () => {
    const as = (status: 'fail' | 'inconclusive') =>
      renderJunit({ ...evidence, verdict: status, slaVerdict: { ...evidence.slaVerdict, status } });
    expect(as('fail')).toMatch(/<failure message="[^"]+" type="sla"\/>/);
    expect(as('fail')).toContain('failures="1"');
    expect(as('inconclusive')).toMatch(/<skipped message="inconclusive: /);
    expect(as('inconclusive')).toContain('skipped="1"');
  });

  it('rejects evidence of another schema version or shape', async () => {
    const other = join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ ...evidence, schemaVersion: 99 }));
    await expect(readEvidence(other)).rejects.toThrow(/schema version 99/);
    await writeFile(other, '{"verdict": "pass"}');
    await expect(readEvidence(other)).rejects.toThrow(/not a poc bench result/);
    await writeFile(other, 'not json');
    await expect(readEvidence(other)).rejects.toThrow(/not JSON/);
  });

  it('prints a human report with the verdict, percentiles and histogram', async () => {
    const out = await runCommand(Bench, [model, '--sla-ms', '500', '--max-duration', '5', ...quick]);
    expect(out.exitCode, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^PASS /);
    expect(out.stdout).toMatch(/p95 interval/);
    expect(out.stdout).toMatch(/cold start/);
    expect(out.stdout).toMatch(/ms [ ▁▂▃▄▅▆▇█]+ .* ms/);
  });
});

describe('poc bench inside a project', () => {
  it('takes the model, SLA and session profile from poc.yaml', async () => {
    const root = tempDir({
      'poc.yaml': [
        'project:',
        '  name: line-3',
        '  useCase: quality-inspection',
        'model:',
        '  path: model/model.onnx',
        '  session:',
        '    intraOpThreads: 1',
        '    graphOptimizationLevel: basic',
        'sla:',
        '  percentile: 90',
        '  boundMs: 250',
        '',
      ].join('\n'),
    });
    await mkdir(join(root, 'model'));
    await copyFile(await modelFile(symbolic()), join(root, 'model', 'model.onnx'));
    const out = await runCommand(Bench, ['--shape', 'batch=4', '--max-duration', '5', ...quick, '--json'], {
      cwd: root,
    });
    expect(out.exitCode, out.stderr).toBe(0);
    const result = out.json?.result as BenchEvidence;
    expect(result.sla).toEqual({ percentile: 90, boundMs: 250, source: 'poc.yaml' });
    expect(result.profile).toMatchObject({ intraOpThreads: 1, graphOptimizationLevel: 'basic' });
    expect(result.inputs.feeds).toEqual([{ name: 'x', type: 'float32', dims: [4, 16] }]);
    expect(result.model.path).toBe(join('model', 'model.onnx'));
  });

  it('warns when a symbolic dimension defaults to 1, and feeds int64 and bool inputs', async () => {
    const sym = await runCommand(Bench, [
      await modelFile(symbolic()),
      '--sla-ms',
      '250',
      '--max-duration',
      '3',
      ...quick,
      '--json',
    ]);
    expect(sym.json?.warnings?.join('\n')).toMatch(/symbolic dimensions batch were set to 1/);
    const ints = await runCommand(Bench, [
      await modelFile(int64Inputs()),
      '--sla-ms',
      '250',
      '--max-duration',
      '3',
      ...quick,
      '--json',
    ]);
    expect(ints.exitCode, ints.stderr).toBe(0);
    expect((ints.json?.result as BenchEvidence).inputs.feeds.map((feed) => feed.type)).toEqual([
      'int64',
      'bool',
    ]);
  });
});
