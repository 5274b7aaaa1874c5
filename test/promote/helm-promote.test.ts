import { describe, expect, it } from 'vitest';

import Promote from '../../src/commands/promote/index.js';
import { runCommand } from '../helpers/run-command.js';
import { createProject, git } from './helpers/project.js';

// The helm path runs against a stand-in `helm` (test/promote/fixtures/helm-standin.mjs) first on
// PATH, because helm cannot be installed here and there is no cluster: it records its calls and
// fails on demand at a given kube context.

describe('poc promote with the helm deployer', { timeout: 240_000 }, () => {
  it('dry run prints the per-cluster plan with the values diff and changes nothing', async () => {
    const project = createProject();
    const { exitCode, stdout, stderr } = await runCommand(
      Promote,
      ['staging', '--dry-run', '--dir', project.root],
      {
        env: project.env,
      },
    );
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Bundle sha256:[0-9a-f]{64} for staging/);
    expect(stdout).toContain('Plan for staging (helm, 2 waves, up to 1 cluster at once):');
    expect(stdout).toMatch(/stg-1 \(plant-a\)\s+install\s+stg-1-ctx ns\/ml/);
    expect(stdout).toContain('+ image.digest: "sha256:abab');
    expect(stdout).toContain('+ threshold: 0.8');
    expect(stdout).toContain('Dry run: nothing was changed');
    const calls = project.helmCalls().map((argv) => argv[0]);
    expect(calls).not.toContain('upgrade');
    expect(git(project.root, 'tag', '--list')).toBe('');
  });

  it('--max-parallel puts clusters of a wave side by side', async () => {
    const project = createProject({ stagingClusters: 3 });
    const { exitCode, json } = await runCommand(
      Promote,
      ['staging', '--dry-run', '--max-parallel', '2', '--dir', project.root, '--json'],
      { env: project.env },
    );
    expect(exitCode).toBe(0);
    const plan = (json?.result as { plan: { waves: { cluster: string }[][] } }).plan;
    expect(plan.waves.map((wave) => wave.map((c) => c.cluster))).toEqual([['stg-1', 'stg-2'], ['stg-3']]);
  });

  it('deploys wave by wave, records the ledger and tags the commit', async () => {
    const project = createProject();
    const { exitCode, json } = await runCommand(Promote, ['staging', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(json?.error).toBeUndefined();
    expect(exitCode).toBe(0);
    const result = json?.result as {
      status: string;
      clusters: { name: string; outcome: string; revision: string }[];
      tag: string;
      ledgerEntry: number;
    };
    expect(result.status).toBe('succeeded');
    expect(result.clusters.map((c) => [c.name, c.outcome, c.revision])).toEqual([
      ['stg-1', 'deployed', '1'],
      ['stg-2', 'deployed', '1'],
    ]);
    expect(result.tag).toBe('promote/staging/1');
    expect(git(project.root, 'rev-parse', 'promote/staging/1')).toBe(git(project.root, 'rev-parse', 'HEAD'));
    const upgrades = project.helmCalls().filter((argv) => argv[0] === 'upgrade');
    expect(upgrades).toHaveLength(2);
    const first = upgrades[0]!;
    expect(first.slice(0, 3)).toEqual(['upgrade', '--install', 'line-3']);
    expect(first).toEqual(
      expect.arrayContaining([
        '--kube-context',
        'stg-1-ctx',
        '--namespace',
        'ml',
        '--wait',
        '--atomic',
        '-f',
        'deploy/values-staging.yaml',
      ]),
    );
  });
});
