import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { UserError } from '../core/errors.js';

export interface WorkspaceFile {
  /** Relative to the dataset path, forward slashes. */
  path: string;
  absolute: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

const toPosix = (path: string) => path.split(sep).join('/');

/**
 * A path given by the user, as a repository-relative path; outside the repository is an error.
 * A relative path is taken from the current directory when that is inside the project (as with
 * git), otherwise from the project root (so `--dir ../line-3 data/train` means what it says).
 */
export function repoRelative(root: string, input: string, cwd = process.cwd()): string {
  const fromCwd = relative(root, cwd);
  const base = fromCwd.startsWith('..') || isAbsolute(fromCwd) ? root : cwd;
  const absolute = isAbsolute(input) ? input : resolve(base, input);
  const rel = relative(root, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new UserError(`${input} is outside the project at ${root}.`, {
      code: 'DATA_PATH_OUTSIDE',
      hint: 'Move or copy the data inside the project (e.g. data/), then add it from there.',
    });
  }
  if (rel === '.poc' || rel.startsWith(`.poc${sep}`) || rel === '.git' || rel.startsWith(`.git${sep}`)) {
    throw new UserError(`${input} is poc's or git's own state, not data.`, { code: 'DATA_PATH_RESERVED' });
  }
  return toPosix(rel);
}

/**
 * Every regular file of a dataset (a file or a directory), sorted. Symbolic links are followed,
 * but a link back into a directory already being walked is a loop and an error, not a hang.
 */
export async function listFiles(
  root: string,
  datasetPath: string,
): Promise<{ type: 'file' | 'dir'; files: WorkspaceFile[] }> {
  const base = join(root, datasetPath);
  const top = await stat(base).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP') throw loopError(datasetPath);
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!top) {
    throw new UserError(`${datasetPath} does not exist.`, {
      code: 'DATA_PATH_MISSING',
      hint: 'Check the path, relative to the current directory.',
    });
  }
  if (top.isFile()) {
    const name = datasetPath.split('/').pop() as string;
    return {
      type: 'file',
      files: [{ path: name, absolute: base, size: top.size, mtimeMs: top.mtimeMs, ino: top.ino }],
    };
  }
  const files: WorkspaceFile[] = [];
  // Synchronous on purpose: a dataset of 10,000 files means 10,000 stats, and on this thread they
  // take a few microseconds each instead of a thread-pool round trip each (the status budget).
  const walk = (dir: string, ancestors: Set<string>) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'ELOOP'
        ? loopError(toPosix(relative(root, dir)))
        : error;
    }
    if (ancestors.has(real)) throw loopError(toPosix(relative(root, dir)));
    const inner = new Set(ancestors).add(real);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absolute = join(dir, entry.name);
      let info = entry.isSymbolicLink() ? followLink(root, absolute) : undefined;
      if (entry.isDirectory() || info?.isDirectory()) {
        walk(absolute, inner);
      } else if (entry.isFile() || info?.isFile()) {
        info ??= lstatSync(absolute);
        files.push({
          path: toPosix(relative(base, absolute)),
          absolute,
          size: info.size,
          mtimeMs: info.mtimeMs,
          ino: info.ino,
        });
      }
    }
  };
  walk(base, new Set());
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { type: 'dir', files };
}

function followLink(root: string, absolute: string): Stats {
  try {
    return statSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw loopError(toPosix(relative(root, absolute)));
    throw new UserError(`${toPosix(relative(root, absolute))} is a broken symbolic link.`, {
      code: 'DATA_BROKEN_LINK',
    });
  }
}

function loopError(where: string): UserError {
  return new UserError(`${where} is a symbolic link loop.`, {
    code: 'DATA_SYMLINK_LOOP',
    hint: 'Remove the link that points back into the dataset, or add the real directory instead.',
  });
}
