import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

import { contractProject } from '../helpers/contract-project.js';
import { ROOT } from '../helpers/run-command.js';

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/**
 * Ctrl-C in a real process: `poc mock` runs in a child, gets SIGINT once it is ready, and must
 * exit 0 with every port released. The command class runs from source through tsx's ESM loader
 * alone (no build needed); tsx's full preflight would handle SIGINT itself.
 */
describe('poc mock and Ctrl-C', () => {
  it('stops every mock cleanly on SIGINT', async () => {
    const project = await contractProject();
    const script = `const { default: Mock } = await import(${JSON.stringify(`${ROOT}src/commands/mock/index.ts`)});\nawait Mock.run(['--dir', ${JSON.stringify(project.dir)}], ${JSON.stringify(ROOT)});`;
    const child = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const ready = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('Ctrl-C stops them')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${stderr}`)));
    });
    await ready;
    expect(await portIsFree(project.restPort)).toBe(false);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(new RegExp(`mes +rest +http://127\\.0\\.0\\.1:${project.restPort}`));
    expect(stdout).toMatch(new RegExp(`sensors +mqtt +mqtt://127\\.0\\.0\\.1:${project.mqttPort}`));
    expect(stderr).toMatch(/Mocks stopped/);
    expect(await portIsFree(project.restPort)).toBe(true);
    expect(await portIsFree(project.mqttPort)).toBe(true);
  });
});
