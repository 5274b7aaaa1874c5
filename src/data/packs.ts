import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from '../core/atomic-write.js';
import { sha256Of } from './hash-file.js';
import { dataPaths, objectPath } from './paths.js';
import type { Remote } from './remotes/remote.js';
import { PACK_MAX_FILES, PACK_TARGET_BYTES, packIndexKey, type PackIndex } from './remote-layout.js';
import type { TreeFile } from './tree.js';

/** Groups small files into packs of about PACK_TARGET_BYTES, in a stable order. */
export function groupIntoPacks(files: TreeFile[]): TreeFile[][] {
  const groups: TreeFile[][] = [];
  let current: TreeFile[] = [];
  let bytes = 0;
  for (const file of [...files].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))) {
    if (current.length > 0 && (bytes + file.size > PACK_TARGET_BYTES || current.length >= PACK_MAX_FILES)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Builds a pack from cached objects; its id is the sha256 of its bytes. */
export function buildPack(root: string, files: TreeFile[]): { data: Buffer; index: PackIndex } {
  // Read one after another, on this thread: a pack holds up to PACK_MAX_FILES small files, and
  // opening them all at once would run out of file descriptors with several packs in flight.
  const parts = files.map((file) => readFileSync(objectPath(root, file.sha256)));
  let offset = 0;
  const entries = files.map((file, i) => {
    const entry = { sha256: file.sha256, offset, size: (parts[i] as Buffer).length };
    offset += entry.size;
    return entry;
  });
  const data = Buffer.concat(parts);
  return { data, index: { version: 1, pack: sha256Of(data), size: data.length, entries } };
}

const localIndexPath = (root: string, id: string) => join(dataPaths(root).packIndexes, `${id}.idx`);

/**
 * A pack's index. Indexes are immutable, so a local copy saves a GET; whether the pack is on the
 * remote is still decided by listing the remote, never by this copy.
 */
export async function loadPackIndex(
  root: string,
  remote: Remote,
  id: string,
): Promise<PackIndex | undefined> {
  const local = await readFile(localIndexPath(root, id)).catch(() => undefined);
  const data = local ?? (await remote.getBytes(packIndexKey(id)));
  if (!data) return undefined;
  let index: PackIndex;
  try {
    index = JSON.parse(data.toString('utf8')) as PackIndex;
  } catch {
    return undefined; // an unreadable index: its pack is treated as absent and re-packed
  }
  if (index.pack !== id || !Array.isArray(index.entries)) return undefined;
  if (!local) await saveLocalPackIndex(root, index);
  return index;
}

export async function saveLocalPackIndex(root: string, index: PackIndex): Promise<void> {
  await mkdir(dataPaths(root).packIndexes, { recursive: true });
  await writeFileAtomic(localIndexPath(root, index.pack), JSON.stringify(index));
}
