import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import Promote from '../../src/commands/promote/index.js';
import Rollback from '../../src/commands/rollback.js';
import { readLedger } from '../../src/promote/ledger.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { which } from '../../src/core/exec.js';
import { healthServer } from './helpers/health-server.js';
import { createProject } from './helpers/project.js';

// helm is a stand-in here (test/promote/fixtures/helm-standin.mjs): real helm cannot be
// installed on these machines and there is no cluster. It records calls and fails on demand.

type Result = {
  status: string;
  clusters: { name: string; outcome: string; message: string; running: string | null }[];
};

describe('poc promote (helm) when something fails', { timeout: 240_000 }, () => {
  it('stops the wave at the failing cluster and rolls back the clusters it already changed', async () => {
    const project = createProject({ stagingClusters: 3 });
    const first = await runCommand(Promote, ['staging', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(first.exitCode).toBe(0);
    const firstBundle = (first.json?.result as { bundle: string }).bundle;
    writeFileSync(join(project.root, 'deploy/values-staging.yaml'), 'replicaCount: 2\nthreshold: 0.9\n');
    project.commitAll('raise the threshold');
    const failing = await runCommand(Promote, ['staging', '--dir', project.root, '--json'], {
      env: { ...project.env, POC_HELM_STANDIN_FAIL: 'stg-2-ctx' },
    });
    expect(failing.exitCode).toBe(1);
    const result = failing.json?.result as Result;
    expect(result.status).toBe('failed');
    expect(result.clusters.map((c) => [c.name, c.outcome, c.running])).toEqual([
      ['stg-1', 'rolled-back', firstBundle],
      ['stg-2', 'failed', firstBundle],
      ['stg-3', 'not-started', firstBundle],
    ]);
    expect(result.clusters[0]!.message).toContain('rolled back to revision 1');
    expect(result.clusters[1]!.message).toContain('UPGRADE FAILED');
    const calls = project
      .helmCalls()
      .filter((argv) => ['upgrade', 'rollback', 'uninstall'].includes(argv[0]!));
    const secondRun = calls.slice(3).map((argv) => `${argv[0]} ${argv[argv.indexOf('--kube-context') + 1]}`);
    expect(secondRun).toEqual(['upgrade stg-1-ctx', 'upgrade stg-2-ctx', 'rollback stg-1-ctx']);
    expect(calls.slice(3).find((argv) => argv[0] === 'rollback')).toEqual(
      expect.arrayContaining(['rollback', 'line-3', '1', '--wait']),
    );
    const ledger = await readLedger(project.root);
    expect(ledger.entries.at(-1)).toMatchObject({ kind: 'promotion', result: 'failed' });
    expect(ledger.entries.at(-1)).not.toHaveProperty('tag');
  });

  it('in a parallel wave, rolls back the sibling that succeeded and starts no further wave', async () => {
    const project = createProject({ stagingClusters: 3 });
    const { exitCode, json } = await runCommand(
      Promote,
      ['staging', '--dir', project.root, '--json', '--max-parallel', '2'],
      { env: { ...project.env, POC_HELM_STANDIN_FAIL: 'stg-2-ctx' } },
    );
    expect(exitCode).toBe(1);
    const result = json?.result as Result;
    expect(result.clusters.map((c) => [c.name, c.outcome, c.running])).toEqual([
      ['stg-1', 'rolled-back', null],
      ['stg-2', 'failed', null],
      ['stg-3', 'not-started', null],
    ]);
    expect(result.clusters[0]!.message).toContain('uninstalled (it was a first install)');
    const contexts = project
      .helmCalls()
      .filter((argv) => ['upgrade', 'uninstall'].includes(argv[0]!))
      .map((argv) => `${argv[0]} ${argv[argv.indexOf('--kube-context') + 1]}`);
    expect(contexts.sort()).toEqual(['uninstall stg-1-ctx', 'upgrade stg-1-ctx', 'upgrade stg-2-ctx']);
  });

  it('uninstalls a first install when its health URL never answers 2xx', async () => {
    const unhealthy = await healthServer(503);
    const project = createProject({
      stagingClusters: 1,
      healthUrl: (env) => (env === 'staging' ? unhealthy : undefined),
    });
    const { exitCode, json } = await runCommand(
      Promote,
      ['staging', '--dir', project.root, '--json', '--verify-timeout', '1'],
      {
        env: project.env,
      },
    );
    expect(exitCode).toBe(1);
    const cluster = (json?.result as Result).clusters[0]!;
    expect(cluster.outcome).toBe('failed');
    expect(cluster.message).toMatch(/verification failed: .*not healthy within 1s \(HTTP 503\)/);
    expect(cluster.message).toContain('uninstalled (it was a first install)');
    expect(cluster.running).toBeNull();
    expect(project.helmCalls().map((argv) => argv[0])).toContain('uninstall');
  });

  it('passes verification when the health URL answers 2xx', async () => {
    const healthy = await healthServer(200);
    const project = createProject({
      stagingClusters: 1,
      healthUrl: (env) => (env === 'staging' ? healthy : undefined),
    });
    const { exitCode, json } = await runCommand(Promote, ['staging', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(exitCode).toBe(0);
    expect((json?.result as Result).clusters[0]!.message).toMatch(/healthz answered 200/);
  });

  it('refuses a release stuck in pending-upgrade, says how to recover and changes nothing', async () => {
    const project = createProject({ stagingClusters: 2 });
    writeFileSync(
      project.env.POC_HELM_STANDIN_STATE!,
      JSON.stringify({
        'stg-2-ctx/ml/line-3': [
          { revision: 1, status: 'superseded', chart: 'line-3-0.3.0' },
          { revision: 2, status: 'deployed', chart: 'line-3-0.3.0' },
          { revision: 3, status: 'pending-upgrade', chart: 'line-3-0.3.0' },
        ],
      }),
    );
    const { exitCode, stderr } = await runCommand(Promote, ['staging', '--dir', project.root], {
      env: project.env,
    });
    expect(exitCode).toBe(4);
    expect(stderr).toContain('Release line-3 on cluster stg-2 is stuck in pending-upgrade (revision 3)');
    expect(stderr).toContain('helm rollback line-3 2 --kube-context stg-2-ctx --namespace ml');
    expect(project.helmCalls().map((argv) => argv[0])).not.toContain('upgrade');
    expect((await readLedger(project.root)).entries).toEqual([]);
  });

  it('uses --rollback-on-failure with Helm 4', async () => {
    const project = createProject({ stagingClusters: 1 });
    const { exitCode } = await runCommand(Promote, ['staging', '--dir', project.root], {
      env: { ...project.env, POC_HELM_STANDIN_VERSION: 'v4.0.1+g1234567' },
    });
    expect(exitCode).toBe(0);
    const upgrade = project.helmCalls().find((argv) => argv[0] === 'upgrade')!;
    expect(upgrade).toContain('--rollback-on-failure');
    expect(upgrade).not.toContain('--atomic');
  });

  it('exits 4 with an install hint when helm is not installed', async () => {
    const project = createProject();
    const bin = tempDir();
    mkdirSync(join(bin, 'only-git'));
    symlinkSync((await which('git'))!, join(bin, 'only-git', 'git'));
    const { exitCode, stderr } = await runCommand(Promote, ['staging', '--dir', project.root, '--dry-run'], {
      env: { ...project.env, PATH: join(bin, 'only-git') },
    });
    expect(exitCode).toBe(4);
    expect(stderr).toContain('helm is not installed (not found on PATH)');
    expect(stderr).toContain('https://helm.sh/docs/intro/install/');
  });

  it('exits 4 naming a kube context missing from the kubeconfig', async () => {
    const project = createProject({ contexts: ['stg-1-ctx'] });
    const { exitCode, stderr } = await runCommand(Promote, ['staging', '--dir', project.root], {
      env: project.env,
    });
    expect(exitCode).toBe(4);
    expect(stderr).toContain(`Kube context stg-2-ctx not found in ${project.kubeconfig}`);
    expect(stderr).toContain('known contexts: stg-1-ctx');
  });

  it('rolls every cluster back to the previous bundle with the helm revision that ran it', async () => {
    const project = createProject({ stagingClusters: 2 });
    const first = await runCommand(Promote, ['staging', '--dir', project.root, '--json'], {
      env: project.env,
    });
    const firstBundle = (first.json?.result as { bundle: string }).bundle;
    writeFileSync(join(project.root, 'deploy/values-staging.yaml'), 'replicaCount: 3\n');
    project.commitAll('scale up');
    expect(
      (await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env })).exitCode,
    ).toBe(0);
    const { exitCode, json } = await runCommand(Rollback, ['staging', '--dir', project.root, '--json'], {
      env: project.env,
    });
    expect(json?.error).toBeUndefined();
    expect(exitCode).toBe(0);
    expect(json?.result).toMatchObject({ status: 'succeeded', to: firstBundle, tag: 'promote/staging/3' });
    const rollbacks = project.helmCalls().filter((argv) => argv[0] === 'rollback');
    expect(rollbacks.map((argv) => argv.slice(0, 3))).toEqual([
      ['rollback', 'line-3', '1'],
      ['rollback', 'line-3', '1'],
    ]);
    const ledger = await readLedger(project.root);
    expect(ledger.entries.at(-1)).toMatchObject({
      kind: 'rollback',
      bundle: firstBundle,
      result: 'succeeded',
    });

    // --to names a bundle by its first 12 digits: forward again to the second one (revision 2)
    const secondBundle = (ledger.entries[1] as { bundle: string }).bundle;
    const forward = await runCommand(
      Rollback,
      ['staging', '--dir', project.root, '--to', secondBundle.slice(7, 19), '--json'],
      { env: project.env },
    );
    expect(forward.exitCode).toBe(0);
    expect(forward.json?.result).toMatchObject({
      status: 'succeeded',
      from: [firstBundle],
      to: secondBundle,
    });
    expect(
      project
        .helmCalls()
        .filter((argv) => argv[0] === 'rollback')
        .at(-1)!
        .slice(0, 3),
    ).toEqual(['rollback', 'line-3', '2']);
  });
});
