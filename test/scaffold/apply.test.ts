import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { applyPlan, type Plan } from '../../src/scaffold/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const file = (path: string, text: string, mode = 0o644) => ({
  path,
  content: Buffer.from(text),
  mode,
  source: 'test',
});
const plan = (...files: Plan['files']): Plan => ({ name: 'x', templateVersion: '0.0.0', files });

describe('applyPlan', () => {
  it('creates a new directory (and its parents) holding exactly the plan, with modes', async () => {
    const parent = tempDir();
    const target = join(parent, 'a', 'b', 'project');
    const result = await applyPlan(
      plan(file('README.md', 'hi\n'), file('scripts/run.sh', '#!/bin/sh\n', 0o755)),
      target,
    );
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('hi\n');
    expect(statSync(join(target, 'scripts/run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(target, 'README.md')).mode & 0o777).toBe(0o644);
    expect(result.files.map((written) => written.path)).toEqual(['README.md', 'scripts/run.sh']);
    expect(result.files[0]!.sha256).toBe('98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4');
    expect(readdirSync(parent)).toEqual(['a']); // no staging directory left behind
  });

  it('refuses a non-empty directory without force and changes nothing', async () => {
    const target = tempDir({ 'notes.txt': 'mine' });
    await expect(applyPlan(plan(file('README.md', 'x')), target)).rejects.toMatchObject({
      exitCode: 2,
      code: 'TARGET_NOT_EMPTY',
      message: expect.stringContaining('notes.txt'),
    });
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it('refuses a target that is a file', async () => {
    const parent = tempDir({ project: 'a file' });
    await expect(applyPlan(plan(file('README.md', 'x')), join(parent, 'project'))).rejects.toMatchObject({
      code: 'TARGET_NOT_DIRECTORY',
    });
  });

  it('with force, replaces planned files, keeps the others, and reports what it replaced', async () => {
    const target = tempDir({ 'README.md': 'old', 'notes.txt': 'mine' });
    const result = await applyPlan(plan(file('README.md', 'new'), file('src/app.ts', 'x')), target, {
      force: true,
    });
    expect(result.overwritten).toEqual(['README.md']);
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('new');
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(target).sort()).toEqual(['README.md', 'notes.txt', 'src']);
  });

  it('fills an existing empty directory (e.g. --dir .)', async () => {
    const target = tempDir();
    await applyPlan(plan(file('README.md', 'x')), target);
    expect(readdirSync(target)).toEqual(['README.md']);
  });

  it('leaves nothing behind when writing the plan fails', async () => {
    const parent = tempDir();
    // "a" as a file and "a/b" below it cannot both exist: the second write fails.
    await expect(
      applyPlan(plan(file('a', 'x'), file('a/b', 'y')), join(parent, 'new', 'project')),
    ).rejects.toThrow();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('restores replaced files and removes moved ones when a forced merge fails midway', async () => {
    const target = tempDir({ 'README.md': 'old', 'zz/keep.txt': 'mine' });
    mkdirSync(join(target, 'conflict'));
    await expect(
      applyPlan(plan(file('README.md', 'new'), file('added/file.txt', 'x'), file('conflict', 'y')), target, {
        force: true,
      }),
    ).rejects.toMatchObject({ code: 'TARGET_CONFLICT' });
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('old');
    expect(existsSync(join(target, 'added'))).toBe(false);
    expect(readdirSync(target).sort()).toEqual(['README.md', 'conflict', 'zz']);
  });

  // Root ignores directory permissions, so this runs only as an ordinary user (as in CI).
  it.skipIf(process.getuid?.() === 0)('reports an unwritable parent as invalid input (exit 2)', async () => {
    const parent = tempDir();
    chmodSync(parent, 0o555);
    try {
      await expect(applyPlan(plan(file('README.md', 'x')), join(parent, 'project'))).rejects.toMatchObject({
        exitCode: 2,
        code: 'TARGET_NOT_WRITABLE',
      });
    } finally {
      chmodSync(parent, 0o755);
    }
  });
});
