import { EnvironmentError, UserError } from '../core/errors.js';
import { openGit } from '../core/git.js';
import type { BundleCommit } from './types.js';

/** The state of the project's git repository that the bundle and the clean-tree gate need. */
export interface RepoState {
  commit: BundleCommit;
  /** Changed or untracked paths, except poc's own state under .poc/. */
  dirty: string[];
  /** Remote branches that contain HEAD (empty: the commit is not pushed). */
  pushedTo: string[];
  remotes: string[];
}

const git = (root: string) => openGit(root);

export async function readRepoState(root: string): Promise<RepoState> {
  const repo = await git(root);
  const inside = await repo.checkIsRepo().catch(() => false);
  if (!inside) {
    throw new UserError(`${root} is not in a git repository, so there is no commit to promote.`, {
      code: 'NOT_A_REPOSITORY',
      hint: 'Run "git init", commit the project and push it; a release is tied to a pushed commit.',
    });
  }
  // Independent reads, run together: this is most of the time a plan takes.
  const [head, status, remoteList, containing] = await Promise.all([
    repo.raw(['log', '-1', '--format=%H%x00%an%x00%ae%x00%s']).catch(() => undefined),
    repo.raw(['status', '--porcelain', '--untracked-files=all']),
    repo.raw(['remote']),
    repo.raw(['branch', '-r', '--contains', 'HEAD']).catch(() => ''),
  ]);
  if (head === undefined) {
    throw new UserError('The repository has no commit yet.', {
      code: 'NO_COMMIT',
      hint: 'Commit the project and push it, then promote.',
    });
  }
  const [sha = '', name = '', email = '', subject = ''] = head.trim().split('\0');
  const dirty = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((path) => !path.startsWith('.poc/'));
  const remotes = remoteList.split('\n').filter(Boolean);
  const pushedTo = containing
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.includes(' -> '));
  return { commit: { sha, author: { name, email }, subject }, dirty, pushedTo, remotes };
}

/** Creates the lightweight tag `promote/ENV/N` on the promoted commit. */
export async function tagPromotion(root: string, tag: string, commit: string): Promise<void> {
  const repo = await git(root);
  try {
    await repo.raw(['tag', tag, commit]);
  } catch (error) {
    throw new EnvironmentError(`Could not create git tag ${tag}: ${(error as Error).message.trim()}`, {
      code: 'TAG_FAILED',
      hint: 'The promotion is recorded in the ledger; create the tag by hand if git refused it.',
    });
  }
}
