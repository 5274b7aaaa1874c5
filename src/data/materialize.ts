import { randomBytes } from 'node:crypto';
import { chmodSync, constants, copyFileSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { UserError } from '../core/errors.js';
import { hasObjectSync } from './cache.js';
import { explainWriteError } from './fetch.js';
import type { HashState } from './hash-state.js';
import type { LockEntry } from './lock-file.js';
import { dataPaths, objectPath } from './paths.js';
import { mapLimit } from './pool.js';
import type { Tree } from './tree.js';
import type { WorkspaceVersion } from './workspace-state.js';

const SMALL_FILE = 256 * 1024;

/**
 * Puts a version into the workspace: the files are copied (reflinked where the file system can)
 * from the cache into a staging directory under .poc/tmp, and only a complete staging directory
 * is swapped in with renames. A failure, a full disk included, leaves the workspace as it was.
 * Workspace files whose content is not in the cache would be lost, so they stop it without --force.
 */
export async function materialize(
  root: string,
  entry: LockEntry,
  tree: Tree,
  current: WorkspaceVersion,
  state: HashState,
  options: { force?: boolean; jobs?: number },
): Promise<'unchanged' | 'updated'> {
  if (current.exists && current.root === entry.root) return 'unchanged';
  if (!options.force) {
    const unsaved = [];
    for (const file of current.files) if (!hasObjectSync(root, file.sha256)) unsaved.push(file.path);
    if (unsaved.length) {
      throw new UserError(
        `${entry.path} has ${unsaved.length} change(s) that are not in the cache and would be lost: ${unsaved.slice(0, 5).join(', ')}${unsaved.length > 5 ? ', …' : ''}.`,
        {
          code: 'DATA_WORKSPACE_CHANGED',
          hint: `Save them first ("poc data add ${entry.path}"), or pass --force to discard them.`,
        },
      );
    }
  }
  const tmp = dataPaths(root).tmp;
  const stage = join(tmp, `stage-${process.pid}-${randomBytes(4).toString('hex')}`);
  const trash = join(tmp, `old-${process.pid}-${randomBytes(4).toString('hex')}`);
  const target = join(root, entry.path);
  const placeOf = (path: string) => (entry.type === 'file' ? stage : join(stage, ...path.split('/')));
  try {
    await mkdir(entry.type === 'file' ? tmp : stage, { recursive: true });
    // Directories first, once each: with many small files, system calls are the cost.
    const dirs = [...new Set(tree.files.map((file) => dirname(placeOf(file.path))))].sort();
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    await mapLimit(tree.files, options.jobs ?? 8, async (file) => {
      const place = placeOf(file.path);
      // The cache copy is read-only; the workspace copy is the user's. Small files are copied on
      // this thread: for them the thread-pool round trip costs more than the copy.
      if (file.size <= SMALL_FILE) {
        copyFileSync(objectPath(root, file.sha256), place, constants.COPYFILE_FICLONE);
        chmodSync(place, 0o644);
      } else {
        await copyFile(objectPath(root, file.sha256), place, constants.COPYFILE_FICLONE);
        await chmod(place, 0o644);
      }
    });
    await mkdir(dirname(target), { recursive: true });
    if (current.exists) await rename(target, trash);
    try {
      await rename(stage, target);
    } catch (error) {
      if (current.exists) await rename(trash, target);
      throw error;
    }
  } catch (error) {
    throw explainWriteError(error);
  } finally {
    await rm(stage, { recursive: true, force: true });
    await rm(trash, { recursive: true, force: true });
  }
  // Remember the new files' hashes, so the next status does not re-hash what we just wrote.
  for (const file of tree.files) {
    const path = entry.type === 'file' ? target : join(target, ...file.path.split('/'));
    const key = entry.type === 'file' ? entry.path : `${entry.path}/${file.path}`;
    state.remember(key, statSync(path), file.sha256);
  }
  return 'updated';
}
