import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import Audit from '../../src/commands/audit.js';
import { runCommand } from '../helpers/run-command.js';
import { addFiles, dvcMlflowProject, flaskApp } from './repos.js';

const run = (argv: string[], cwd?: string) =>
  runCommand(Audit, argv, { env: { NO_COLOR: '1' }, ...(cwd ? { cwd } : {}) });

describe('poc audit (command)', () => {
  it('prints the grouped report with the action plan and exits 0 without gates', async () => {
    const root = flaskApp();
    const out = await run([root]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/poc audit .* \(no poc\.yaml\): score \d+\/100/);
    expect(out.stdout).toContain('Layers');
    expect(out.stdout).toContain('Pillars');
    expect(out.stdout).toContain('✗ SRV-003 high');
    expect(out.stdout).toContain('at Dockerfile:1');
    expect(out.stdout).toContain('Action plan');
    expect(out.stdout).toContain('MLOps maturity: Level 0');
  });

  it('--json carries score, layers, pillars and located findings', async () => {
    const out = await run([flaskApp(), '--json']);
    expect(out.exitCode).toBe(0);
    const result = out.json!.result as {
      score: unknown;
      layers: unknown[];
      pillars: unknown[];
      findings: Array<{ location: unknown }>;
    };
    expect(result.score).toEqual(expect.any(Number));
    expect(result.layers).toHaveLength(5);
    expect(result.pillars).toHaveLength(4);
    for (const finding of result.findings) {
      expect(finding).toMatchObject({
        id: expect.any(String),
        severity: expect.any(String),
        status: expect.any(String),
      });
      expect(finding.location).toEqual({ file: expect.any(String), line: expect.any(Number) });
    }
  });

  it('audits the project root by default, found from a subdirectory', async () => {
    const root = flaskApp();
    addFiles(root, { 'poc.yaml': 'project:\n  name: classifier\n', 'src/deep/x.py': 'x = 1\n' });
    const out = await run(['--json'], join(root, 'src/deep'));
    expect((out.json!.result as { project: unknown }).project).toEqual({
      name: 'classifier',
      manifest: true,
    });
  });

  it('--min-score and --fail-on fail the gate with exit 1 and say why', async () => {
    const root = flaskApp();
    const low = await run([root, '--min-score', '90']);
    expect(low.exitCode).toBe(1);
    expect(low.stderr).toMatch(/Gate failed: score \d+ is below the minimum 90/);
    const high = await run([root, '--fail-on', 'high', '--json']);
    expect(high.exitCode).toBe(1);
    expect((high.json!.result as { gates: { failures: string[] } }).gates.failures[0]).toMatch(
      /finding\(s\) at or above high: .*SRV-003/,
    );
    expect((await run([root, '--fail-on', 'critical'])).exitCode).toBe(0);
    expect((await run([root, '--min-score', '0'])).exitCode).toBe(0);
  });

  it('--baseline fails only on regressions against an earlier --json result', async () => {
    const root = dvcMlflowProject();
    const baseline = join(root, '..', `${root.split('/').pop()}-baseline.json`);
    writeFileSync(baseline, (await run([root, '--json'])).stdout);
    const same = await run([root, '--baseline', baseline, '--json']);
    expect(same.exitCode).toBe(0);
    expect((same.json!.result as { gates: unknown }).gates).toEqual({
      passed: true,
      failures: [],
      regressions: [],
    });
    // A regression: the CI no longer runs the tests.
    addFiles(root, {
      '.github/workflows/ci.yml':
        'name: ci\non: [push]\njobs:\n  noop:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    });
    const worse = await run([root, '--baseline', baseline]);
    expect(worse.exitCode).toBe(1);
    expect(worse.stderr).toMatch(/regression\(s\) against the baseline: .*OPS-002/);
    // Existing gaps do not fail --fail-on under a baseline; new ones do.
    const newHigh = await run([root, '--baseline', baseline, '--fail-on', 'high', '--json']);
    expect((newHigh.json!.result as { gates: { regressions: string[] } }).gates.regressions).toContain(
      'OPS-002',
    );
    expect(newHigh.exitCode).toBe(1);
  });

  it('a baseline that is missing or not an audit result is exit 2', async () => {
    const root = flaskApp();
    writeFileSync(join(root, 'not-audit.json'), '{"hello": 1}');
    const missing = await run([root, '--baseline', join(root, 'nope.json'), '--json']);
    expect(missing.exitCode).toBe(2);
    expect(missing.json!.error!.code).toBe('BASELINE_UNREADABLE');
    const wrong = await run([root, '--baseline', join(root, 'not-audit.json'), '--json']);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.json!.error!.code).toBe('BASELINE_INVALID');
  });

  it('writes SARIF, Markdown and HTML files in one run, or one of them to stdout', async () => {
    const root = flaskApp();
    const out = await run([
      root,
      '--sarif-file',
      join(root, 'r.sarif'),
      '--markdown-file',
      join(root, 'r.md'),
      '--html-file',
      join(root, 'r.html'),
    ]);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(root, 'r.md'), 'utf8')).toContain('## poc audit');
    expect(readFileSync(join(root, 'r.html'), 'utf8')).toContain('<svg');
    const md = await run([root, '--markdown']);
    expect(md.stdout).toMatch(/^## poc audit/);
    // As the generated CI calls it: SARIF alone on stdout, with a gate.
    const sarif = await run([root, '--sarif', '--min-score', '0']);
    expect(JSON.parse(sarif.stdout).runs[0].tool.driver.name).toBe('poc-audit');
    const clash = await run([root, '--sarif', '--json']);
    expect(clash.exitCode).toBe(2);
    expect(clash.json!.error!.code).toBe('STDOUT_CONFLICT');
    expect(existsSync(join(root, 'r.sarif'))).toBe(true);
  });

  it('every flag can come from the environment', async () => {
    const out = await runCommand(Audit, [flaskApp()], { env: { POC_MIN_SCORE: '99', NO_COLOR: '1' } });
    expect(out.exitCode).toBe(1);
  });
});
