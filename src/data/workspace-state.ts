import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import { sha256Of } from './hash-file.js';
import type { HashState } from './hash-state.js';
import { hashFiles } from './hash-workspace.js';
import type { LockEntry } from './lock-file.js';
import { serializeTree, type TreeFile } from './tree.js';
import { listFiles } from './walk.js';

export interface WorkspaceVersion {
  exists: boolean;
  root?: string;
  files: TreeFile[];
}

/** What the workspace holds at a dataset's path now, hashed (cheaply, through the hash state). */
export async function workspaceVersion(
  root: string,
  entry: LockEntry,
  state: HashState,
  jobs = 8,
): Promise<WorkspaceVersion> {
  const present = await stat(join(root, entry.path)).catch(() => undefined);
  if (!present) return { exists: false, files: [] };
  const { type, files } = await listFiles(root, entry.path);
  const hashed = await hashFiles(files, state, {
    jobs,
    stateKey: (file) => (type === 'file' ? entry.path : `${entry.path}/${file.path}`),
  });
  return { exists: true, root: `sha256:${sha256Of(serializeTree(hashed))}`, files: hashed };
}
