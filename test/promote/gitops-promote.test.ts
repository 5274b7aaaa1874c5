import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import PromoteApprove from '../../src/commands/promote/approve.js';
import Promote from '../../src/commands/promote/index.js';
import PromoteStatus from '../../src/commands/promote/status.js';
import Rollback from '../../src/commands/rollback.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { healthServer } from './helpers/health-server.js';
import { createProject, git, type TestProject } from './helpers/project.js';

// The gitops path runs against real git: the environment repository is a bare repo in a temp dir.

type Result = {
  status: string;
  bundle: string;
  clusters: { name: string; outcome: string; message: string; running: string | null; revision?: string }[];
};

/** A fresh clone of the environment repository's main branch. */
function envCheckout(project: TestProject): string {
  const dir = join(tempDir(), 'envs');
  execFileSync('git', ['clone', '-q', '-b', 'main', project.envRepo, dir]);
  return dir;
}

async function promoteStaging(project: TestProject): Promise<string> {
  const staged = await runCommand(Promote, ['staging', '--dir', project.root, '--json'], {
    env: project.env,
  });
  expect(staged.exitCode).toBe(0);
  return (staged.json?.result as Result).bundle;
}

describe('poc promote with the gitops deployer', { timeout: 240_000 }, () => {
  it('commits each cluster’s values and bundle reference with the digest and approvers, and pushes', async () => {
    const project = createProject({ productionGates: '      approvals: { required: 1 }' });
    const bundle = await promoteStaging(project);
    const blocked = await runCommand(Promote, ['production', '--dir', project.root], { env: project.env });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stdout).toMatch(/fail\s+approvals\s+0 of 1 approval for bundle/);
    const approved = await runCommand(
      PromoteApprove,
      [
        'production',
        '--dir',
        project.root,
        '--by',
        'Rui Reviewer <rui@plant.example>',
        '--bundle',
        bundle.slice(7, 19),
      ],
      { env: project.env },
    );
    expect(approved.stderr).toBe('');
    expect(approved.exitCode).toBe(0);
    expect(approved.stdout).toContain('1 of 1 required approval recorded');

    const { exitCode, json } = await runCommand(Promote, ['production', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(exitCode).toBe(0);
    const result = json?.result as Result & { tag: string };
    expect(result.bundle).toBe(bundle);
    expect(result.status).toBe('succeeded');
    expect(result.tag).toBe('promote/production/1');
    expect(result.clusters.map((c) => c.outcome)).toEqual(['deployed', 'deployed', 'deployed']);

    const envs = envCheckout(project);
    expect(git(envs, 'ls-files').split('\n').sort()).toEqual([
      'clusters/plant-a/prod-1/bundle.json',
      'clusters/plant-a/prod-1/values.yaml',
      'clusters/plant-a/prod-3/bundle.json',
      'clusters/plant-a/prod-3/values.yaml',
      'clusters/plant-b/prod-2/bundle.json',
      'clusters/plant-b/prod-2/values.yaml',
    ]);
    const reference = JSON.parse(
      execFileSync('cat', [join(envs, 'clusters/plant-b/prod-2/bundle.json')], { encoding: 'utf8' }),
    );
    expect(reference).toMatchObject({
      bundle,
      project: 'line-3',
      image: expect.stringContaining('@sha256:abab'),
    });
    const values = execFileSync('cat', [join(envs, 'clusters/plant-a/prod-1/values.yaml')], {
      encoding: 'utf8',
    });
    expect(values).toContain('replicaCount: 2');
    expect(values).toContain('threshold: 0.85');
    expect(values).toContain('limits:\n    cpu: 500m'); // chart defaults merged under the cluster's file
    // facilities in order of first appearance: plant-a (prod-1, prod-3), then plant-b (prod-2)
    const log = git(envs, 'log', '--format=%s%n%b%n--');
    expect(log).toContain(`Bundle: ${bundle}`);
    expect(log).toContain('Approved-by: Rui Reviewer <rui@plant.example>');
    // the identity comes from GIT_AUTHOR_*/GIT_COMMITTER_* when set, as on CI machines without a git config
    expect(git(envs, 'log', '-1', '--format=%an <%ae> / %cn')).toBe(
      'Ada Author <ada@plant.example> / Ada Author',
    );
    const subjects = git(envs, 'log', '--reverse', '--format=%s').split('\n');
    expect(subjects.map((s) => s.replace(/bundle \w+/, 'bundle B'))).toEqual([
      'promotion production: bundle B to prod-1',
      'promotion production: bundle B to prod-3',
      'promotion production: bundle B to prod-2',
    ]);

    const status = await runCommand(PromoteStatus, ['--dir', project.root, '--json'], { env: project.env });
    const rows = (
      status.json?.result as {
        clusters: { facility: string; env: string; cluster: string; bundle: string }[];
      }
    ).clusters;
    expect(rows.filter((r) => r.env === 'production').map((r) => [r.facility, r.cluster, r.bundle])).toEqual([
      ['plant-a', 'prod-1', bundle],
      ['plant-a', 'prod-3', bundle],
      ['plant-b', 'prod-2', bundle],
    ]);
  });

  it('promoting the bundle a cluster already runs commits nothing and says so', async () => {
    const project = createProject({ productionClusters: 1 });
    await promoteStaging(project);
    expect(
      (await runCommand(Promote, ['production', '--dir', project.root], { env: project.env })).exitCode,
    ).toBe(0);
    const head = git(project.envRepo, 'rev-parse', 'main');
    const dry = await runCommand(Promote, ['production', '--dir', project.root, '--dry-run'], {
      env: project.env,
    });
    expect(dry.stdout).toMatch(/prod-1 \(plant-a\)\s+unchanged from \w{12}/);
    expect(dry.stdout).toContain('values unchanged');
    const again = await runCommand(Promote, ['production', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(again.exitCode).toBe(0);
    expect((again.json?.result as Result).clusters[0]).toMatchObject({
      outcome: 'unchanged',
      message: 'already at this bundle; nothing to commit',
    });
    expect(git(project.envRepo, 'rev-parse', 'main')).toBe(head);
  });

  it('replays its commit on top when someone else pushed to the environment branch meanwhile', async () => {
    let pushed = false;
    let envRepo = '';
    // While prod-1 is verified, another team pushes to the environment repository.
    const health = await healthServer(200, () => {
      if (pushed) return;
      pushed = true;
      const other = join(tempDir(), 'other');
      execFileSync('git', ['clone', '-q', envRepo, other]);
      writeFileSync(join(other, 'README.md'), 'platform team\n');
      git(other, 'add', 'README.md');
      git(other, 'commit', '-q', '-m', 'platform: readme');
      git(other, 'push', '-q', 'origin', 'HEAD:main');
    });
    const project = createProject({
      productionClusters: 2,
      healthUrl: (env, cluster) => (env === 'production' && cluster === 'prod-1' ? health : undefined),
    });
    envRepo = project.envRepo;
    await promoteStaging(project);
    const { exitCode, json } = await runCommand(Promote, ['production', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(exitCode).toBe(0);
    expect(pushed).toBe(true);
    const result = json?.result as Result;
    const envs = envCheckout(project);
    const log = git(envs, 'log', '--format=%H %s').split('\n');
    expect(log.map((line) => line.replace(/^\w+ /, '').replace(/bundle \w+/, 'bundle B'))).toEqual([
      'promotion production: bundle B to prod-2',
      'platform: readme',
      'promotion production: bundle B to prod-1',
    ]);
    expect(result.clusters.find((c) => c.name === 'prod-2')?.revision).toBe(log[0]!.split(' ')[0]);
  });

  it('undoes the clusters it changed in the environment repo when a wave fails verification', async () => {
    const unhealthy = await healthServer(503);
    const project = createProject({
      productionClusters: 3,
      healthUrl: (env, cluster) => (env === 'production' && cluster === 'prod-2' ? unhealthy : undefined),
    });
    await promoteStaging(project);
    const { exitCode, json } = await runCommand(
      Promote,
      ['production', '--dir', project.root, '--json', '--verify-timeout', '1'],
      {
        env: project.env,
      },
    );
    expect(exitCode).toBe(1);
    const result = json?.result as Result;
    expect(result.status).toBe('failed');
    expect(result.clusters.map((c) => [c.name, c.outcome, c.running])).toEqual([
      ['prod-1', 'rolled-back', null],
      ['prod-3', 'rolled-back', null],
      ['prod-2', 'failed', null],
    ]);
    const envs = envCheckout(project);
    expect(git(envs, 'ls-files')).toBe(''); // every file this promotion wrote is removed again
    expect(git(envs, 'log', '-1', '--format=%s')).toMatch(
      /^rollback production: undo failed promotion of \w+ on prod-1, prod-3, prod-2$/,
    );
  });

  it('rolls production back to the previous bundle with a new commit', async () => {
    const project = createProject({ productionClusters: 2 });
    const first = await promoteStaging(project);
    expect(
      (await runCommand(Promote, ['production', '--dir', project.root], { env: project.env })).exitCode,
    ).toBe(0);
    writeFileSync(join(project.root, 'deploy/values-production.yaml'), 'replicaCount: 4\nthreshold: 0.85\n');
    project.commitAll('more replicas');
    const second = await promoteStaging(project);
    const promoted = await runCommand(Promote, ['production', '--dir', project.root, '--dry-run'], {
      env: project.env,
    });
    expect(promoted.stdout).toContain('~ replicaCount: 2 -> 4');
    expect(
      (await runCommand(Promote, ['production', '--dir', project.root], { env: project.env })).exitCode,
    ).toBe(0);
    expect(second).not.toBe(first);

    const { exitCode, json } = await runCommand(Rollback, ['production', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(exitCode).toBe(0);
    expect(json?.result).toMatchObject({ status: 'succeeded', from: [second], to: first });
    const envs = envCheckout(project);
    expect(
      execFileSync('cat', [join(envs, 'clusters/plant-a/prod-1/values.yaml')], { encoding: 'utf8' }),
    ).toContain('replicaCount: 2');
    expect(git(envs, 'log', '-1', '--format=%s')).toMatch(/^rollback production: bundle \w+ to prod-2$/);
  });
});
