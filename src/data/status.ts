import type { Manifest } from '../manifest/index.js';
import { countMissing } from './cache.js';
import { HashState } from './hash-state.js';
import { readLock, rootHex } from './lock-file.js';
import { remoteStatus } from './remote-status.js';
import { loadTree } from './tree.js';
import { workspaceVersion } from './workspace-state.js';

export type WorkspaceState = 'clean' | 'modified' | 'missing' | 'not-added';

export interface DatasetStatus {
  name: string;
  path: string;
  root?: string;
  workspace: WorkspaceState;
  /** Files of the locked version missing from the local cache (pull fetches them). */
  missingFromCache: number;
  /** Only with --remote: whether the locked version is completely on the remote. */
  pushed?: boolean;
}

export interface StatusResult {
  clean: boolean;
  datasets: DatasetStatus[];
  remote?: string;
}

/** Workspace against data.lock against the cache, and with `remote` against the remote. */
export async function dataStatus(
  root: string,
  manifest: Manifest,
  options: { remote?: boolean; jobs?: number } = {},
): Promise<StatusResult> {
  const lock = await readLock(root);
  const state = await HashState.load(root);
  const datasets: DatasetStatus[] = [];
  for (const [name, entry] of Object.entries(lock.datasets).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const current = await workspaceVersion(root, entry, state, options.jobs);
    const tree = await loadTree(root, rootHex(entry));
    let missingFromCache = tree ? 0 : entry.files;
    if (tree) missingFromCache = countMissing(root, tree.files);
    const workspace: WorkspaceState = !current.exists
      ? 'missing'
      : current.root === entry.root
        ? 'clean'
        : 'modified';
    datasets.push({ name, path: entry.path, root: entry.root, workspace, missingFromCache });
  }
  for (const declared of manifest.data.datasets) {
    if (!lock.datasets[declared.name])
      datasets.push({
        name: declared.name,
        path: declared.path,
        workspace: 'not-added',
        missingFromCache: 0,
      });
  }
  await state.save();
  let remote: string | undefined;
  if (options.remote) {
    const answer = await remoteStatus(root, manifest);
    remote = answer.remote;
    for (const d of datasets) if (d.root) d.pushed = !answer.unpushed.includes(d.name);
  }
  const clean = datasets.every(
    (d) => d.workspace === 'clean' && d.missingFromCache === 0 && d.pushed !== false,
  );
  return { clean, datasets, remote };
}
