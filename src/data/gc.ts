import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { UserError } from '../core/errors.js';
import { lockAt, lockRevisions } from './git-history.js';
import { parseLock, readLock, rootHex, type DataLock } from './lock-file.js';
import { withRepoLock } from './mutex.js';
import { dataPaths, objectPath } from './paths.js';
import { loadTree } from './tree.js';

export interface GcResult {
  dryRun: boolean;
  keptRevisions: string[];
  referencedVersions: number;
  /** Versions referenced whose tree is not in this cache (never fetched here): nothing of theirs to keep. */
  unknownVersions: string[];
  removed: { objects: number; bytes: number };
  kept: number;
}

/**
 * Removes cache objects that no version referenced by the workspace data.lock, or by data.lock
 * in the last `keepRevs` commits that changed it, uses. Trees and every file they list are kept;
 * with dryRun nothing is deleted and the result is the plan.
 */
export async function gcData(
  root: string,
  options: { keepRevs?: number; dryRun?: boolean } = {},
): Promise<GcResult> {
  const keepRevs = options.keepRevs ?? 5;
  if (!Number.isInteger(keepRevs) || keepRevs < 0) {
    throw new UserError(`--keep-revs must be a whole number of revisions, not ${keepRevs}.`, {
      code: 'DATA_BAD_KEEP_REVS',
    });
  }
  return withRepoLock(root, async () => {
    const locks: DataLock[] = [await readLock(root)];
    const revisions = keepRevs > 0 ? await lockRevisions(root, keepRevs) : [];
    for (const rev of revisions)
      locks.push(parseLock(await lockAt(root, rev.commit), `data.lock at ${rev.commit.slice(0, 8)}`));

    const keep = new Set<string>();
    const unknown: string[] = [];
    const roots = new Set(locks.flatMap((lock) => Object.values(lock.datasets).map(rootHex)));
    for (const hex of roots) {
      keep.add(hex);
      const tree = await loadTree(root, hex);
      if (!tree) unknown.push(`sha256:${hex}`);
      else for (const file of tree.files) keep.add(file.sha256);
    }

    const removed = { objects: 0, bytes: 0 };
    let kept = 0;
    const shards = await readdir(dataPaths(root).objects).catch(() => [] as string[]);
    for (const shard of shards) {
      const entries = await readdir(join(dataPaths(root).objects, shard), { withFileTypes: true });
      for (const entry of entries) {
        const hex = shard + entry.name;
        if (keep.has(hex)) {
          kept++;
          continue;
        }
        const path = objectPath(root, hex);
        const { size } = await stat(path);
        removed.objects++;
        removed.bytes += size;
        if (!options.dryRun) await rm(path, { force: true });
      }
    }
    return {
      dryRun: Boolean(options.dryRun),
      keptRevisions: revisions.map((r) => r.commit),
      referencedVersions: roots.size,
      unknownVersions: unknown,
      removed,
      kept,
    };
  });
}
