import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import DataAdd from '../../src/commands/data/add.js';
import DataPush from '../../src/commands/data/push.js';
import PromoteApprove from '../../src/commands/promote/approve.js';
import Promote from '../../src/commands/promote/index.js';
import Rollback from '../../src/commands/rollback.js';
import { readLedger } from '../../src/promote/ledger.js';
import { modelFile } from '../fixtures/models/model-cache.js';
import { matmul } from '../fixtures/models/test-models.js';
import { runCommand } from '../helpers/run-command.js';
import { writeBenchEvidence } from './helpers/bench-evidence.js';
import { createProject, git, type TestProject } from './helpers/project.js';

type Gate = { name: string; status: string; message: string; evidence: Record<string, unknown> };

async function gatesOf(
  project: TestProject,
  env: string,
  extra: string[] = [],
  vars: Record<string, string> = {},
) {
  const run = await runCommand(Promote, [env, '--dir', project.root, '--json', ...extra], {
    env: { ...project.env, ...vars },
  });
  const result = run.json?.result as { status: string; gates: Gate[] } | undefined;
  return { ...run, result, gate: (name: string) => result?.gates.find((g) => g.name === name) };
}

/** A freeze window around the current minute, in UTC (it may run past midnight). */
function windowAroundNow(): string {
  const hhmm = (offsetMin: number) => {
    const d = new Date(Date.now() + offsetMin * 60_000);
    return `'${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}'`;
  };
  return `  freeze:\n    - name: shift change\n      start: ${hhmm(-60)}\n      end: ${hhmm(60)}\n`;
}

function benchFile(project: TestProject, modelSha: string, verdict: 'pass' | 'fail', boundMs = 50): string {
  return writeBenchEvidence(join(project.root, '..', `bench-${verdict}-${boundMs}.json`), {
    modelSha256: modelSha,
    verdict,
    boundMs,
  });
}

describe(
  'promotion gates: each failure is reported with its evidence and exit 1',
  { timeout: 240_000 },
  () => {
    it('clean-tree: refuses uncommitted changes, then an unpushed commit', async () => {
      const project = createProject();
      writeFileSync(join(project.root, 'deploy/values-staging.yaml'), 'replicaCount: 9\n');
      const dirty = await gatesOf(project, 'staging');
      expect(dirty.exitCode).toBe(1);
      expect(dirty.result?.status).toBe('blocked');
      expect(dirty.gate('clean-tree')).toMatchObject({
        status: 'fail',
        message: expect.stringContaining('1 uncommitted change (deploy/values-staging.yaml)'),
      });
      git(project.root, 'commit', '-q', '-am', 'local only');
      const unpushed = await gatesOf(project, 'staging');
      expect(unpushed.exitCode).toBe(1);
      expect(unpushed.gate('clean-tree')?.message).toMatch(
        /commit \w{12} is not on any remote branch; run "git push" first/,
      );
      expect(project.helmCalls().map((argv) => argv[0])).not.toContain('upgrade');
      expect((await readLedger(project.root)).entries).toEqual([]);
    });

    it('audit: runs the audit in-process; a score below the minimum fails with the score as evidence', async () => {
      const project = createProject();
      const manifest = committedFile('poc.yaml', project);
      writeFileSync(
        join(project.root, 'poc.yaml'),
        manifest.replace('minAuditScore: 0', 'minAuditScore: 100'),
      );
      project.commitAll('require a perfect audit score');
      const low = await gatesOf(project, 'staging', ['--dry-run']);
      expect(low.exitCode).toBe(1);
      expect(low.gate('audit')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(
          /^audit score \d+ is below the minimum 100; run "poc audit" for the gaps$/,
        ),
        evidence: expect.objectContaining({ minScore: 100, score: expect.any(Number) }),
      });
      const score = low.gate('audit')!.evidence.score as number;
      const bundle = (low.json?.result as { summary: { audit: { score: number } } }).summary.audit;
      expect(bundle.score).toBe(score); // the audit result travels in the bundle
    });

    it('bench: missing evidence, evidence for another model and a failing verdict each fail; a pass passes', async () => {
      const project = createProject();
      writeFileSync(
        join(project.root, 'poc.yaml'),
        committedFile('poc.yaml', project).replace('benchRequired: false', 'benchRequired: true'),
      );
      project.commitAll('require bench evidence');
      const missing = await gatesOf(project, 'staging');
      expect(missing.exitCode).toBe(1);
      expect(missing.gate('bench')?.message).toContain(
        'no bench evidence; run "poc bench --json > bench.json" and pass --bench bench.json, or pass --bench-now',
      );

      const other = await gatesOf(project, 'staging', [
        '--bench',
        benchFile(project, 'f'.repeat(64), 'pass'),
      ]);
      expect(other.exitCode).toBe(1);
      expect(other.gate('bench')?.message).toMatch(
        /is for model ffffffffffff, not the model being promoted \(\w{12}\)/,
      );

      const dry = await gatesOf(project, 'staging', [
        '--dry-run',
        '--bench',
        benchFile(project, 'f'.repeat(64), 'pass'),
      ]);
      const modelSha = (dry.json?.result as { summary: { model: { sha256: string } } }).summary.model.sha256;
      const failing = await gatesOf(project, 'staging', ['--bench', benchFile(project, modelSha, 'fail')]);
      expect(failing.exitCode).toBe(1);
      expect(failing.gate('bench')).toMatchObject({
        status: 'fail',
        message: 'bench verdict is "fail": p95 80.0 ms > 50 ms with 95% confidence',
        evidence: expect.objectContaining({ latencyMs: { p50: 40, p95: 80, p99: 96 }, samples: 500 }),
      });

      const passing = await gatesOf(project, 'staging', [
        '--dry-run',
        '--bench',
        benchFile(project, modelSha, 'pass'),
      ]);
      expect(passing.exitCode).toBe(0);
      expect(passing.gate('bench')?.status).toBe('pass');
    });

    it('bench: --bench-now runs the bench in-process on this model and keeps the evidence', async () => {
      const project = createProject();
      copyFileSync(await modelFile(matmul()), join(project.root, 'model/model.onnx'));
      writeFileSync(
        join(project.root, 'poc.yaml'),
        committedFile('poc.yaml', project).replace('benchRequired: false', 'benchRequired: true'),
      );
      project.commitAll('a real model, bench required');
      const run = await gatesOf(project, 'staging', ['--dry-run', '--bench-now']);
      const modelSha = (run.json?.result as { summary: { model: { sha256: string } } }).summary.model.sha256;
      const gate = run.gate('bench')!;
      expect(gate.evidence).toMatchObject({
        modelSha256: modelSha,
        file: `.poc/bench/${modelSha.slice(0, 12)}.json`,
      });
      expect(existsSync(join(project.root, '.poc/bench', `${modelSha.slice(0, 12)}.json`))).toBe(true);
      // a fast model against 50 ms passes; on a very noisy machine the bench may call it inconclusive
      if (gate.status === 'pass') expect(run.exitCode).toBe(0);
      else expect(gate.message).toMatch(/^bench verdict is "inconclusive"/);
    });

    it('data-pushed: fails until the datasets and the model are on the remote; the lineage goes in the bundle', async () => {
      const project = createProject();
      writeFileSync(
        join(project.root, 'poc.yaml'),
        committedFile('poc.yaml', project)
          .replace('dataPushed: false', 'dataPushed: true')
          .replace(
            'gates:\n',
            'data:\n  remote: { type: local, path: ../data-remote }\n  datasets:\n    - name: train\n      path: data/train\ngates:\n',
          ),
      );
      mkdirSync(join(project.root, 'data/train'), { recursive: true });
      writeFileSync(join(project.root, 'data/train/a.csv'), 'x,y\n1,2\n');
      const dataEnv = { env: project.env };
      expect((await runCommand(DataAdd, ['data/train', '--dir', project.root], dataEnv)).exitCode).toBe(0);
      const model = await runCommand(
        DataAdd,
        ['model/model.onnx', '--kind', 'model', '--from', 'train', '--dir', project.root, '--json'],
        dataEnv,
      );
      expect(model.exitCode).toBe(0);
      project.commitAll('version the data and the model');

      const unpushed = await gatesOf(project, 'staging', ['--dry-run']);
      expect(unpushed.exitCode).toBe(1);
      expect(unpushed.gate('data-pushed')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/^not pushed to the data remote: .*train.*; run "poc data push"$/),
      });

      expect((await runCommand(DataPush, ['--dir', project.root], dataEnv)).exitCode).toBe(0);
      const pushed = await gatesOf(project, 'staging', ['--dry-run']);
      expect(pushed.gate('data-pushed')?.status).toBe('pass');
      expect(pushed.exitCode).toBe(0);
      const lineage = (
        pushed.json?.result as { summary: { model: { lineage: { from: { name: string }[] } } } }
      ).summary.model.lineage;
      expect(lineage.from.map((input) => input.name)).toEqual(['train']);
    });

    it('preceding: production needs the same bundle in staging, soaked for the configured time', async () => {
      const project = createProject({ productionGates: '      soak: 2h' });
      const early = await gatesOf(project, 'production');
      expect(early.exitCode).toBe(1);
      expect(early.gate('preceding')?.message).toMatch(
        /bundle \w{12} has not been promoted to staging \(it runs no single bundle\); run "poc promote staging" first/,
      );
      expect(
        (await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env })).exitCode,
      ).toBe(0);
      const soaking = await gatesOf(project, 'production');
      expect(soaking.exitCode).toBe(1);
      expect(soaking.gate('preceding')?.message).toMatch(
        /has soaked in staging for \d+s of the 2h required; try again after \d{4}-/,
      );
    });

    it('approvals: the author may not approve; another approver satisfies the gate', async () => {
      const project = createProject({ gates: '  approvals: { required: 1, distinctFromAuthor: true }' });
      const blocked = await gatesOf(project, 'staging');
      expect(blocked.exitCode).toBe(1);
      expect(blocked.gate('approvals')?.message).toMatch(
        /0 of 1 approval for bundle \w{12} in staging; ask a reviewer/,
      );
      const byAuthor = await runCommand(
        PromoteApprove,
        ['staging', '--dir', project.root, '--by', 'ada@plant.example'],
        { env: project.env },
      );
      expect(byAuthor.exitCode).toBe(2);
      expect(byAuthor.stderr).toContain('ada@plant.example wrote commit');
      expect(byAuthor.stderr).toContain('Ask someone other than Ada Author <ada@plant.example>');
      const byReviewer = await runCommand(
        PromoteApprove,
        ['staging', '--dir', project.root, '--by', 'Rui <rui@plant.example>'],
        { env: project.env },
      );
      expect(byReviewer.exitCode).toBe(0);
      const again = await runCommand(
        PromoteApprove,
        ['staging', '--dir', project.root, '--by', 'Rui <rui@plant.example>'],
        { env: project.env },
      );
      expect(again.exitCode).toBe(2);
      expect(again.stderr).toContain('already approved');
      const passed = await gatesOf(project, 'staging');
      expect(passed.exitCode).toBe(0);
      expect(passed.gate('approvals')).toMatchObject({
        status: 'pass',
        message: 'approved by Rui <rui@plant.example>',
      });
      const ledger = await readLedger(project.root);
      expect(ledger.entries.at(-1)).toMatchObject({
        kind: 'promotion',
        approvals: ['Rui <rui@plant.example>'],
      });
    });

    it('approvals: a new commit needs a new approval (the approval is of one bundle)', async () => {
      const project = createProject({ gates: '  approvals: { required: 1 }' });
      expect(
        (
          await runCommand(PromoteApprove, ['staging', '--dir', project.root, '--by', 'Rui'], {
            env: project.env,
          })
        ).exitCode,
      ).toBe(0);
      writeFileSync(join(project.root, 'deploy/values-staging.yaml'), 'replicaCount: 5\n');
      project.commitAll('change after approval');
      const run = await gatesOf(project, 'staging');
      expect(run.exitCode).toBe(1);
      expect(run.gate('approvals')?.status).toBe('fail');
      const stale = await runCommand(
        PromoteApprove,
        ['staging', '--dir', project.root, '--by', 'Rui', '--bundle', 'deadbeefdead'],
        { env: project.env },
      );
      expect(stale.exitCode).toBe(2);
      expect(stale.stderr).toContain('is not what this tree would promote to staging');
    });

    it('freeze: refuses a promotion inside a window; a rollback needs --break-glass, which the ledger records', async () => {
      const project = createProject();
      expect(
        (await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env })).exitCode,
      ).toBe(0);
      writeFileSync(join(project.root, 'deploy/values-staging.yaml'), 'replicaCount: 3\n');
      project.commitAll('scale');
      expect(
        (await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env })).exitCode,
      ).toBe(0);
      writeFileSync(
        join(project.root, 'poc.yaml'),
        committedFile('poc.yaml', project).replace(
          'dataPushed: false\n',
          `dataPushed: false\n${windowAroundNow()}`,
        ),
      );
      project.commitAll('freeze for the shift change');

      const frozen = await gatesOf(project, 'staging');
      expect(frozen.exitCode).toBe(1);
      expect(frozen.gate('freeze')?.message).toMatch(
        /inside freeze window "shift change" \(\d\d:\d\d-\d\d:\d\d UTC\); promote after it ends \(a rollback may pass --break-glass\)/,
      );

      const refused = await runCommand(Rollback, ['staging', '--dir', project.root, '--json'], {
        env: project.env,
      });
      expect(refused.exitCode).toBe(1);
      expect(refused.json?.result).toMatchObject({ status: 'blocked' });
      const glass = await runCommand(
        Rollback,
        ['staging', '--dir', project.root, '--break-glass', '--json'],
        {
          env: project.env,
        },
      );
      expect(glass.exitCode).toBe(0);
      expect(glass.json?.result).toMatchObject({ status: 'succeeded' });
      const last = (await readLedger(project.root)).entries.at(-1)!;
      expect(last).toMatchObject({ kind: 'rollback', breakGlass: true, result: 'succeeded' });
    });
  },
);

function committedFile(file: string, project: TestProject): string {
  return git(project.root, 'show', `HEAD:${file}`);
}
