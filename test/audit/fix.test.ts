import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { AuditReport } from '../../src/audit/index.js';
import Audit from '../../src/commands/audit.js';
import { applyPlan, buildContext, planProject } from '../../src/scaffold/index.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { audit } from './helpers.js';
import { addFiles, addSymlink, dvcMlflowProject, flaskApp, helmWithoutProbes, notebookPoc } from './repos.js';

const run = async (argv: string[]) => {
  const out = await runCommand(Audit, argv, { env: { NO_COLOR: '1' } });
  return { ...out, report: out.json?.result as AuditReport | undefined };
};

const listing = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();

const open = (report: AuditReport, severity: string) =>
  report.findings.filter(
    (finding) => finding.severity === severity && (finding.status === 'fail' || finding.status === 'partial'),
  );

/** A project exactly as `poc init` renders it (the engine, without git). */
async function freshProject(useCase: 'quality-inspection' | 'predictive-maintenance'): Promise<string> {
  const dir = join(tempDir(), 'line-3');
  await applyPlan(await planProject(buildContext({ name: 'line-3', useCase })), dir);
  return dir;
}

describe('poc audit --fix', () => {
  it('--dry-run shows the plan and writes nothing', async () => {
    const root = notebookPoc();
    const before = listing(root);
    const out = await run([root, '--fix', '--dry-run']);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('Fix plan (dry run, nothing written):');
    expect(out.stdout).toMatch(/\+ \.github\/workflows\/ci\.yml \(\d+ bytes\) for .*OPS-001/);
    expect(listing(root)).toEqual(before);
  });

  it('shows the plan before it writes, then the score before and after', async () => {
    const out = await run([notebookPoc(), '--fix']);
    expect(out.exitCode).toBe(0);
    const plan = out.stdout.indexOf('Fix plan (creating these files now):');
    const after = out.stdout.indexOf('Score before the fix 0, after');
    expect(plan).toBeGreaterThanOrEqual(0);
    expect(after).toBeGreaterThan(plan);
  });

  it('scaffolds the missing pieces of a notebook PoC, never overwrites, and reports before and after', async () => {
    const root = notebookPoc();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const out = await run([root, '--fix', '--json']);
    expect(out.exitCode).toBe(0);
    const fix = out.report!.fix!;
    expect(fix.applied).toBe(true);
    expect(fix.scoreAfter).toBe(out.report!.score);
    expect(fix.files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', 'Dockerfile', 'poc.yaml']),
    );
    expect(fix.files.map((file) => file.path)).not.toContain('README.md');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(readme);
    for (const file of fix.files) expect(listing(root)).toContain(file.path);
    // Rendered for this project: its name and the use case its README describes.
    const manifest = readFileSync(join(root, 'poc.yaml'), 'utf8');
    expect(manifest).toContain('useCase: predictive-maintenance');
    const fixedIds = new Set(fix.files.flatMap((file) => file.checks));
    for (const id of ['OPS-001', 'SRV-002', 'DEP-001', 'GOV-001']) {
      expect(fixedIds, id).toContain(id);
      expect(out.report!.findings.find((finding) => finding.id === id)!.status, id).toBe('pass');
    }
    expect(fix.scoreAfter).toBeGreaterThan(fix.scoreBefore);
    // A scaffolded directory comes whole, with what it needs to build: no dangling imports.
    const created = fix.files.map((file) => file.path);
    if (created.some((path) => path.startsWith('src/')))
      expect(created).toEqual(expect.arrayContaining(['package.json', 'tsconfig.json']));
    expect(out.report!.uncappedScore).toBeGreaterThan(
      (await run([notebookPoc(), '--json'])).report!.uncappedScore,
    );
    // Fixes make more checks apply (integrations now declared), so a second run may add more;
    // it converges: the third run has nothing left to create.
    await run([root, '--fix', '--json']);
    expect((await run([root, '--fix', '--dry-run', '--json'])).report!.fix!.files).toEqual([]);
  });

  it('adapts to the project: name from pyproject, owners from poc.yaml', async () => {
    const root = flaskApp();
    addFiles(root, { 'pyproject.toml': '[project]\nname = "Defect Classifier"\nversion = "0.3.0"\n' });
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const out = await run([root, '--fix', '--json']);
    const paths = out.report!.fix!.files.map((file) => file.path);
    expect(paths.some((path) => path.startsWith('deploy/helm/defect-classifier/'))).toBe(true);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(dockerfile);
    expect(out.report!.fix!.answers).toMatchObject({ name: 'defect-classifier' });

    const owned = dvcMlflowProject();
    const owners = {
      model: 'Ana Ruiz <ana@plant.test>',
      data: 'Data team',
      operations: 'Shift lead line 3',
      escalation: 'On-call <oncall@plant.test>',
    };
    addFiles(owned, {
      'poc.yaml': `project:\n  name: rul\n  useCase: predictive-maintenance\nowners:\n${Object.entries(owners)
        .map(([role, who]) => `  ${role}: ${who}`)
        .join('\n')}\n`,
    });
    const planned = await run([owned, '--fix', '--dry-run', '--json']);
    expect(planned.report!.fix!.answers).toMatchObject({
      name: 'rul',
      useCase: 'predictive-maintenance',
      owners,
    });
    expect(planned.report!.fix!.files.map((file) => file.path)).not.toContain('poc.yaml');
  });

  it('treats a broken symlink as taken: it is never replaced', async () => {
    const root = notebookPoc();
    addSymlink(root, 'Dockerfile', 'docker/Dockerfile.missing');
    const out = await run([root, '--fix', '--json']);
    expect(out.report!.fix!.files.map((file) => file.path)).not.toContain('Dockerfile');
    expect(readlinkSync(join(root, 'Dockerfile'))).toBe('docker/Dockerfile.missing');
  });

  it("leaves a repository's own chart alone and says why", async () => {
    const root = helmWithoutProbes();
    const out = await run([root, '--fix', '--dry-run', '--json']);
    const paths = out.report!.fix!.files.map((file) => file.path);
    expect(paths.some((path) => path.startsWith('deploy/helm/'))).toBe(false);
    expect(out.report!.fix!.skipped).toContainEqual({
      check: 'DEP-005',
      reason: 'the repository has its own chart or manifests; add it there',
    });
  });

  it('raises the score of the Flask, Helm and DVC fixtures', async () => {
    for (const make of [flaskApp, helmWithoutProbes, dvcMlflowProject]) {
      const root = make();
      const out = await run([root, '--fix', '--json']);
      expect(out.exitCode).toBe(0);
      const before = out.report!.fix!.scoreBefore;
      expect(out.report!.fix!.files.length, make.name).toBeGreaterThan(0);
      expect(out.report!.uncappedScore, make.name).toBeGreaterThan((await audit(make())).uncappedScore);
      expect(out.report!.score, make.name).toBeGreaterThanOrEqual(before);
    }
  });
});

describe('a fresh poc init project', () => {
  for (const useCase of ['quality-inspection', 'predictive-maintenance'] as const) {
    it(`${useCase}: scores >= 95 with no high-severity finding`, async () => {
      const report = (await run([await freshProject(useCase), '--json'])).report!;
      const highs = [...open(report, 'high'), ...open(report, 'critical')].map(
        (finding) => `${finding.id}: ${finding.message}`,
      );
      expect(highs).toEqual([]);
      expect(report.score).toBeGreaterThanOrEqual(95);
    });
  }

  it('has nothing left for --fix to create', async () => {
    const out = await run([await freshProject('quality-inspection'), '--fix', '--dry-run', '--json']);
    expect(out.report!.fix!.files).toEqual([]);
  });
});
