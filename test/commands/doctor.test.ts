import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import Doctor from '../../src/commands/doctor.js';
import { which } from '../../src/core/exec.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A PATH holding only node and git (the real ones), plus any stand-in tools the test writes.
 * helm cannot be installed on these machines, so "helm present" is a stand-in script.
 */
async function pathWith(standIns: Record<string, string> = {}): Promise<string> {
  const bin = tempDir();
  for (const tool of ['node', 'git']) symlinkSync((await which(tool))!, join(bin, tool));
  for (const [tool, script] of Object.entries(standIns)) {
    writeFileSync(join(bin, tool), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  return bin;
}

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function listening(): Promise<number> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const manifest = (s3Port: number, mqttPort: number) => `project:
  name: pilot
data:
  remote:
    type: s3
    bucket: plant-data
    endpoint: http://AKIAEXAMPLE:wJalrXUtnFEMIsecret@127.0.0.1:${s3Port}
integrations:
  - name: sensors
    kind: mqtt
    contract: contracts/sensors.asyncapi.yaml
    endpoints:
      mock: mqtt://127.0.0.1:${mqttPort}
      staging: mqtt://127.0.0.1:${mqttPort}
environments:
  - name: staging
    deployer: helm
    clusters: [{name: staging}]
`;

describe('poc doctor', () => {
  it('outside a project checks the machine, with helm optional', async () => {
    const PATH = await pathWith();
    const { exitCode, json } = await runCommand(Doctor, ['--json'], { cwd: tempDir(), env: { PATH } });
    expect(exitCode).toBe(0);
    const items = (json?.result as { items: { id: string; status: string; required: boolean }[] }).items;
    expect(items.find((item) => item.id === 'node')).toMatchObject({ status: 'ok', required: true });
    expect(items.find((item) => item.id === 'git')).toMatchObject({ status: 'ok', required: true });
    expect(items.find((item) => item.id === 'helm')).toMatchObject({ status: 'warn', required: false });
  });

  it('requires helm when an environment deploys with helm: exit 4 with an install hint', async () => {
    const dir = tempDir({ 'poc.yaml': manifest(await listening(), await listening()) });
    const { exitCode, stdout } = await runCommand(Doctor, ['--dir', dir], {
      env: { PATH: await pathWith() },
    });
    expect(exitCode).toBe(4);
    expect(stdout).toMatch(/fail\s+helm\s+not found on PATH/);
    expect(stdout).toContain('https://helm.sh/docs/intro/install/');
    expect(stdout).toMatch(/ok\s+data remote \(s3\)/);
  });

  it('passes with a helm that answers', async () => {
    const dir = tempDir({ 'poc.yaml': manifest(await listening(), await listening()) });
    const PATH = await pathWith({ helm: 'echo v3.16.2+g13654a5' });
    const { exitCode, json } = await runCommand(Doctor, ['--dir', dir, '--json'], { env: { PATH } });
    expect(exitCode).toBe(0);
    expect(json?.result).toMatchObject({ ok: true, project: 'pilot' });
  });

  it('fails on an unreachable S3 endpoint without printing its credentials', async () => {
    const dir = tempDir({ 'poc.yaml': manifest(await closedPort(), await listening()) });
    const PATH = await pathWith({ helm: 'echo v3.16.2' });
    const human = await runCommand(Doctor, ['--dir', dir, '--timeout', '500'], { env: { PATH } });
    expect(human.exitCode).toBe(4);
    expect(human.stdout).toMatch(
      /fail\s+data remote \(s3\)\s+s3:\/\/plant-data\/ via http:\/\/127\.0\.0\.1:\d+\/ unreachable \(ECONNREFUSED\)/,
    );
    const machine = await runCommand(Doctor, ['--dir', dir, '--json', '--timeout', '500'], { env: { PATH } });
    for (const output of [human.stdout + human.stderr, machine.stdout]) {
      expect(output).not.toContain('wJalrXUtnFEMIsecret');
      expect(output).not.toContain('AKIAEXAMPLE');
    }
    expect(machine.json?.status).toBe(4);
  });

  it('treats an unreachable MQTT broker as advisory, unless its environment is named', async () => {
    const dir = tempDir({ 'poc.yaml': manifest(await listening(), await closedPort()) });
    const PATH = await pathWith({ helm: 'echo v3.16.2' });
    const advisory = await runCommand(Doctor, ['--dir', dir, '--timeout', '500'], { env: { PATH } });
    expect(advisory.exitCode).toBe(0);
    expect(advisory.stdout).toMatch(/warn\s+MQTT sensors \(staging\)/);
    const required = await runCommand(Doctor, ['--dir', dir, '--env', 'staging', '--timeout', '500'], {
      env: { PATH },
    });
    expect(required.exitCode).toBe(4);
    expect(required.stdout).toMatch(/fail\s+MQTT sensors \(staging\)/);
    expect(required.stdout).not.toContain('(mock)');
  });

  it('refuses a broken poc.yaml with exit 2', async () => {
    const dir = tempDir({ 'poc.yaml': 'project: [\n' });
    const { exitCode, stderr } = await runCommand(Doctor, ['--dir', dir]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/poc\.yaml:2:1 YAML syntax/);
  });

  it('says why a flag value was refused, not only which flag', async () => {
    const result = await runCommand(Doctor, ['--timeout', 'soon', '--json']);
    expect(result.exitCode).toBe(2);
    expect(result.json).toMatchObject({
      status: 2,
      error: { code: 'INVALID_FLAG', message: expect.stringMatching(/--timeout.*soon/) },
    });
  });
});
