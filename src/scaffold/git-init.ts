import { EnvironmentError } from '../core/errors.js';
import { openGit } from '../core/git.js';

export interface GitResult {
  initialised: boolean;
  commit?: string;
  /** Why git was skipped or the commit not made; the command shows it as a notice. */
  skipped?: string;
}

/**
 * `git init` and an initial commit of everything generated. A project created inside an
 * existing work tree is left to that repository (no nested repository); without a git identity
 * the repository is created but the commit is left to the user rather than invented.
 */
export async function initGitRepository(dir: string, message: string): Promise<GitResult> {
  const git = await openGit(dir);
  try {
    await git.version().then((version) => {
      if (!version.installed) throw new Error('git is not installed');
    });
  } catch {
    return {
      initialised: false,
      skipped: 'git was not found on PATH; the project was not put under version control.',
    };
  }
  if (await git.checkIsRepo().catch(() => false)) {
    return {
      initialised: false,
      skipped: `${dir} is inside an existing git repository; no nested repository was created.`,
    };
  }
  try {
    await git.init(['--initial-branch=main']);
    const email = (await git.getConfig('user.email')).value;
    const name = (await git.getConfig('user.name')).value;
    if (!process.env.GIT_AUTHOR_EMAIL && !email) {
      return {
        initialised: true,
        skipped: 'no git identity is configured (user.name, user.email); commit the files yourself.',
      };
    }
    if (!process.env.GIT_AUTHOR_NAME && !name) {
      return { initialised: true, skipped: 'no git user.name is configured; commit the files yourself.' };
    }
    await git.add('.');
    const result = await git.commit(message);
    return { initialised: true, commit: result.commit };
  } catch (error) {
    throw new EnvironmentError(`git failed in ${dir}: ${(error as Error).message}`, {
      code: 'GIT_FAILED',
      hint: 'The files are written; fix git and run `git init && git add . && git commit`, or use --no-git.',
      cause: error,
    });
  }
}
