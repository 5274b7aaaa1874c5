import { userInfo } from 'node:os';

import { openGit } from '../core/git.js';

/** Who is acting: the flag, else git's user.name <user.email> (config, then GIT_AUTHOR_*), else the login name. */
export async function resolveActor(root: string, given?: string): Promise<string> {
  if (given?.trim()) return given.trim();
  const git = await openGit(root);
  const read = (key: string) =>
    git.raw(['config', '--get', key]).then(
      (v) => v.trim(),
      () => '',
    );
  const [name, email] = await Promise.all([read('user.name'), read('user.email')]);
  if (name) return email ? `${name} <${email}>` : name;
  const envName = process.env.GIT_AUTHOR_NAME;
  if (envName) return process.env.GIT_AUTHOR_EMAIL ? `${envName} <${process.env.GIT_AUTHOR_EMAIL}>` : envName;
  return userInfo().username;
}
