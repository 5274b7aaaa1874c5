import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files git tracks below `root`, when `root` is the top of a work tree and git is installed;
 * otherwise undefined and the audit falls back to reading .gitignore.
 */
export async function gitTrackedFiles(root: string): Promise<Set<string> | undefined> {
  const isRepo = await stat(join(root, '.git')).then(
    () => true,
    () => false,
  );
  if (!isRepo) return undefined;
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', root, '-c', 'core.quotepath=off', 'ls-files', '-z'],
      { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
      (error, stdout) => resolve(error ? undefined : new Set(stdout.split('\0').filter(Boolean))),
    );
  });
}
