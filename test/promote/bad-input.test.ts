import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import Promote from '../../src/commands/promote/index.js';
import Rollback from '../../src/commands/rollback.js';
import { readLedger } from '../../src/promote/ledger.js';
import { runCommand } from '../helpers/run-command.js';
import { createProject } from './helpers/project.js';

describe('poc promote: bad input gets a clear error and changes nothing', { timeout: 240_000 }, () => {
  it('an unknown environment: exit 2 with did-you-mean and the known ones', async () => {
    const project = createProject();
    const { exitCode, stderr, json } = await runCommand(Promote, ['prodution', '--dir', project.root], {
      env: project.env,
    });
    expect(exitCode).toBe(2);
    expect(stderr).toContain('Unknown environment "prodution" in');
    expect(stderr).toContain('Did you mean "production"? Known environments: staging, production.');
    expect(json).toBeUndefined();
  });

  it('a cycle in the environment order: exit 2 at the line of poc.yaml', async () => {
    const project = createProject();
    const manifest = readFileSync(join(project.root, 'poc.yaml'), 'utf8').replace(
      '  - name: staging\n    deployer: helm\n',
      '  - name: staging\n    deployer: helm\n    after: production\n',
    );
    writeFileSync(join(project.root, 'poc.yaml'), manifest);
    project.commitAll('cycle');
    const { exitCode, stderr } = await runCommand(Promote, ['production', '--dir', project.root], {
      env: project.env,
    });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(
      /poc\.yaml:32:12 environments\[1\]\.after: environment order has a cycle: production -> staging -> production/,
    );
  });

  it('a helm cluster without a kube context: exit 2 naming it', async () => {
    const project = createProject({ stagingClusters: 1 });
    const manifest = readFileSync(join(project.root, 'poc.yaml'), 'utf8').replace(
      '        context: stg-1-ctx\n',
      '',
    );
    writeFileSync(join(project.root, 'poc.yaml'), manifest);
    project.commitAll('no context');
    const { exitCode, stderr } = await runCommand(Promote, ['staging', '--dir', project.root], {
      env: project.env,
    });
    expect(exitCode).toBe(2);
    expect(stderr).toContain('Cluster stg-1 of staging name no kube context.');
  });

  it('an image digest that is not one: exit 2', async () => {
    const project = createProject();
    const { exitCode, stderr } = await runCommand(
      Promote,
      ['staging', '--dir', project.root, '--image-digest', 'latest'],
      { env: project.env },
    );
    expect(exitCode).toBe(2);
    expect(stderr).toContain('Image digest "latest" is not of the form sha256:<64 hex digits>.');
  });

  it('no image digest at all: exit 2 saying how to pass it', async () => {
    const project = createProject();
    const { exitCode, stderr } = await runCommand(Promote, ['staging', '--dir', project.root], {
      env: { ...project.env, POC_IMAGE_DIGEST: undefined },
    });
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--image-digest sha256:… (or POC_IMAGE_DIGEST)');
  });

  it('rollback with nothing to return to, or an unknown bundle: exit 2', async () => {
    const project = createProject();
    const nothing = await runCommand(Rollback, ['staging', '--dir', project.root], { env: project.env });
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toContain('staging has no earlier bundle to return to.');
    const unknown = await runCommand(Rollback, ['staging', '--dir', project.root, '--to', 'abcdef123456'], {
      env: project.env,
    });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('No stored bundle abcdef123456');
  });

  it('bench evidence that is not a poc bench result: exit 2 naming the file', async () => {
    const project = createProject();
    const file = join(project.root, '..', 'bench.json');
    writeFileSync(file, JSON.stringify({ status: 0, result: { verdict: 'pass' } }));
    const { exitCode, stderr } = await runCommand(
      Promote,
      ['staging', '--dir', project.root, '--bench', file],
      { env: project.env },
    );
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`Bench evidence ${file} is not a poc bench result.`);
  });

  it('another promotion running: exit 4 naming it; a lock left by a dead process is taken over', async () => {
    const project = createProject({ stagingClusters: 1 });
    const lock = join(project.root, '.poc', 'promote.lock');
    mkdirSync(join(project.root, '.poc'), { recursive: true });
    const holder = {
      pid: process.pid,
      host: hostname(),
      at: '2026-11-26T10:00:00.000Z',
      what: 'promotion to production',
    };
    writeFileSync(lock, JSON.stringify(holder));
    const busy = await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env });
    expect(busy.exitCode).toBe(4);
    expect(busy.stderr).toContain(
      `Another promotion to production (pid ${process.pid} on ${hostname()}, since 2026-11-26T10:00:00.000Z) holds`,
    );
    expect(project.helmCalls().map((argv) => argv[0])).not.toContain('upgrade');

    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    writeFileSync(lock, JSON.stringify({ ...holder, pid: dead }));
    const taken = await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env });
    expect(taken.exitCode).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('an environment repository that cannot be cloned: exit 4 with a hint, nothing recorded', async () => {
    const project = createProject({ productionClusters: 1 });
    const manifest = readFileSync(join(project.root, 'poc.yaml'), 'utf8').replace(
      project.envRepo,
      `${project.envRepo}-missing`,
    );
    writeFileSync(join(project.root, 'poc.yaml'), manifest);
    project.commitAll('wrong env repo');
    expect(
      (await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env })).exitCode,
    ).toBe(0);
    const { exitCode, stderr } = await runCommand(Promote, ['production', '--dir', project.root], {
      env: project.env,
    });
    expect(exitCode).toBe(4);
    expect(stderr).toContain(`Cannot clone the environment repository ${project.envRepo}-missing`);
    expect(stderr).toContain('Check gitops.repo in poc.yaml and your git credentials');
    expect((await readLedger(project.root)).entries.map((entry) => entry.env)).toEqual(['staging']);
  });
});
