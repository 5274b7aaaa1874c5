import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { readLock } from '../../src/data/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { bytes, project } from './support/project.js';
import { finished, spawnData } from './support/spawn-data.js';

describe('two poc data add processes on one repository', () => {
  it('both land in data.lock: the lock file serialises the read-modify-write', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 200; i++) {
      files[`data/a/f${i}.bin`] = bytes(2048, i + 1);
      files[`data/b/f${i}.bin`] = bytes(2048, i + 1000);
    }
    const dir = project({ type: 'local', path: tempDir() }, files);
    const runs = await Promise.all([
      finished(spawnData('add', ['data/a', '--name', 'alpha', '--dir', dir])),
      finished(spawnData('add', ['data/b', '--name', 'beta', '--dir', dir])),
    ]);
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0 });
    const lock = await readLock(dir);
    expect(Object.keys(lock.datasets).sort()).toEqual(['alpha', 'beta']);
    expect(lock.datasets.alpha?.files).toBe(200);
    expect(lock.datasets.beta?.files).toBe(200);
    expect(existsSync(join(dir, '.poc/data.mutex'))).toBe(false);
  }, 120_000);
});

const holder = (pid: number) =>
  JSON.stringify({ pid, host: hostname(), at: new Date().toISOString(), what: 'poc data add' });

describe('the repository lock', () => {
  it('makes an add wait while another live process holds it, and takes over a lock left by a dead one', async () => {
    const dir = project({ type: 'local', path: tempDir() }, { 'a.txt': 'a' });
    mkdirSync(join(dir, '.poc'), { recursive: true });
    writeFileSync(join(dir, '.poc/data.mutex'), holder(process.pid)); // held by this (live) process
    const child = finished(spawnData('add', ['a.txt', '--dir', dir]));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(existsSync(join(dir, 'data.lock'))).toBe(false); // still waiting: it did not write
    rmSync(join(dir, '.poc/data.mutex'));
    expect((await child).code).toBe(0);
    expect(Object.keys((await readLock(dir)).datasets)).toEqual(['a']);

    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(join(dir, '.poc/data.mutex'), holder(Number(dead))); // a crashed command's lock
    writeFileSync(join(dir, 'b.txt'), 'b');
    const second = await finished(spawnData('add', ['b.txt', '--dir', dir]));
    expect(second.code, second.stderr).toBe(0);
  }, 120_000);
});
