/**
 * simple-git 4 drops ambient GIT_* variables from the environment of the git it runs; the
 * identity ones are how CI machines without a git config commit, so they are let through.
 */
const IDENTITY = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL'];

export async function openGit(baseDir?: string) {
  const { simpleGit } = await import('simple-git');
  return simpleGit({ ...(baseDir ? { baseDir } : {}), allowEnvironment: IDENTITY });
}
