import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { UserError } from '../core/errors.js';
import { LOCK_FILE } from './paths.js';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', root, ...args], { maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

export async function isGitRepo(root: string): Promise<boolean> {
  return git(root, ['rev-parse', '--is-inside-work-tree']).then(
    (out) => out.trim() === 'true',
    () => false,
  );
}

export interface LockRevision {
  commit: string;
  date: string;
  author: string;
  subject: string;
}

/** Commits that changed data.lock, newest first (at most `limit`). */
export async function lockRevisions(root: string, limit?: number): Promise<LockRevision[]> {
  if (!(await isGitRepo(root))) return [];
  const args = ['log', '--format=%H%x1f%aI%x1f%an%x1f%s', ...(limit ? [`-n${limit}`] : []), '--', LOCK_FILE];
  const out = await git(root, args).catch(() => ''); // no commits yet
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit = '', date = '', author = '', subject = ''] = line.split('\x1f');
      return { commit, date, author, subject };
    });
}

/** data.lock's text at a revision; a clear error for an unknown revision or no lock there. */
export async function lockAt(root: string, rev: string): Promise<string> {
  if (!(await isGitRepo(root))) {
    throw new UserError(`--rev ${rev} needs a git repository, and ${root} is not one.`, {
      code: 'DATA_NOT_GIT',
    });
  }
  const commit = await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).catch(() => '');
  if (!commit.trim()) {
    throw new UserError(`${rev} is not a git revision of this repository.`, {
      code: 'DATA_BAD_REV',
      hint: 'Use a commit, tag or branch, e.g. HEAD~1 or v1.2; "poc data log NAME" lists the versions.',
    });
  }
  return git(root, ['show', `${commit.trim()}:${LOCK_FILE}`]).catch(() => {
    throw new UserError(`There is no ${LOCK_FILE} at ${rev}.`, {
      code: 'DATA_NO_LOCK_AT_REV',
      hint: 'Pick a later revision.',
    });
  });
}

/** Whether git already tracks files under `path` (then .gitignore alone cannot keep them out). */
export async function trackedByGit(root: string, path: string): Promise<boolean> {
  if (!(await isGitRepo(root))) return false;
  const out = await git(root, ['ls-files', '-z', '--', path]).catch(() => '');
  return out.length > 0;
}
