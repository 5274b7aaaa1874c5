import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { initGitRepository } from '../../src/scaffold/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

describe('initGitRepository (real git)', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const [key, value] of Object.entries(identity)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('initialises main and commits every file, leaving a clean tree', async () => {
    const dir = tempDir({ 'README.md': 'x\n', 'src/app.ts': 'y\n' });
    const result = await initGitRepository(dir, 'Create x with poc init');
    expect(result).toMatchObject({ initialised: true, commit: expect.any(String) });
    expect(git(dir, 'branch', '--show-current')).toBe('main');
    expect(git(dir, 'log', '--format=%s')).toBe('Create x with poc init');
    expect(git(dir, 'ls-files').split('\n').sort()).toEqual(['README.md', 'src/app.ts']);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  /** Runs `body` with no git config at all (no global or system identity). */
  async function withoutGitConfig<T>(body: () => Promise<T>, keepIdentityEnv: boolean): Promise<T> {
    const home = tempDir();
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: join(home, 'none'),
    };
    const before = Object.fromEntries(
      Object.keys({ ...env, ...identity }).map((key) => [key, process.env[key]]),
    );
    Object.assign(process.env, env);
    if (!keepIdentityEnv) for (const key of Object.keys(identity)) delete process.env[key];
    try {
      return await body();
    } finally {
      for (const [key, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  it('creates the repository but leaves the commit to the user when git has no identity', async () => {
    const dir = tempDir({ 'README.md': 'x\n' });
    const result = await withoutGitConfig(() => initGitRepository(dir, 'msg'), false);
    expect(result).toMatchObject({
      initialised: true,
      skipped: expect.stringContaining('no git identity'),
    });
    expect(result.commit).toBeUndefined();
    expect(existsSync(join(dir, '.git'))).toBe(true);
  });

  it('commits with the identity CI machines give in GIT_AUTHOR_* / GIT_COMMITTER_* alone', async () => {
    const dir = tempDir({ 'README.md': 'x\n' });
    const result = await withoutGitConfig(() => initGitRepository(dir, 'msg'), true);
    expect(result.commit).toEqual(expect.any(String));
    expect(git(dir, 'log', '--format=%an <%ae>')).toBe('Test <test@example.com>');
  });

  it('does not nest a repository inside an existing work tree', async () => {
    const outer = tempDir({ 'a.txt': 'a' });
    git(outer, 'init', '-q');
    const inner = join(outer, 'project');
    mkdirSync(inner);
    writeFileSync(join(inner, 'README.md'), 'x');
    const result = await initGitRepository(inner, 'msg');
    expect(result.initialised).toBe(false);
    expect(result.skipped).toContain('inside an existing git repository');
  });
});
