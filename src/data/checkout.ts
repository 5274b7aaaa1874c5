import { UserError } from '../core/errors.js';
import type { Manifest } from '../manifest/index.js';
import { countMissing } from './cache.js';
import { fetchEntries, type FetchResult } from './fetch.js';
import { lockAt } from './git-history.js';
import { HashState } from './hash-state.js';
import { parseLock, readLock, rootHex, type DataLock, type LockEntry } from './lock-file.js';
import { materialize } from './materialize.js';
import { withRepoLock } from './mutex.js';
import { openRemote } from './remotes/open-remote.js';
import { selectEntries } from './selection.js';
import type { ProgressListener } from './transfer-progress.js';
import { loadTree, type Tree } from './tree.js';
import { workspaceVersion } from './workspace-state.js';

export interface CheckoutOptions {
  names?: string[];
  /** A git revision: materialise data.lock as it was there. */
  rev?: string;
  force?: boolean;
  /** Fetch what the cache lacks from the remote (pull); without it only the cache is used (checkout). */
  fetch?: boolean;
  jobs?: number;
  onProgress?: ProgressListener;
}

export interface CheckoutResult {
  rev?: string;
  fetched: FetchResult;
  datasets: Array<{ name: string; path: string; root: string; action: 'unchanged' | 'updated' }>;
}

async function lockFor(root: string, rev: string | undefined): Promise<DataLock> {
  return rev ? parseLock(await lockAt(root, rev), `data.lock at ${rev}`) : readLock(root);
}

/**
 * Makes the workspace match data.lock (or data.lock at --rev). Everything needed is in the cache,
 * verified, before the first workspace file changes.
 */
export async function checkoutData(
  root: string,
  manifest: Manifest,
  options: CheckoutOptions = {},
): Promise<CheckoutResult> {
  const lock = await lockFor(root, options.rev);
  const selected = selectEntries(lock, options.names);
  // Only what the cache lacks is downloaded; with a complete cache no remote is contacted.
  const fetched = options.fetch
    ? await fetchEntries(root, openRemote(root, manifest.data.remote), selected, options)
    : (await requireCached(root, selected, options.rev), { objects: 0, packs: 0, bytes: 0 });
  return withRepoLock(root, async () => {
    const state = await HashState.load(root);
    const datasets: CheckoutResult['datasets'] = [];
    try {
      for (const { name, entry } of selected) {
        const tree = (await loadTree(root, rootHex(entry))) as Tree;
        const current = await workspaceVersion(root, entry, state, options.jobs);
        const action = await materialize(root, entry, tree, current, state, options);
        datasets.push({ name, path: entry.path, root: entry.root, action });
      }
    } finally {
      await state.save();
    }
    return { rev: options.rev, fetched, datasets };
  });
}

/** checkout works from the cache alone; what it lacks is named, with the command that fetches it. */
async function requireCached(
  root: string,
  selected: Array<{ name: string; entry: LockEntry }>,
  rev?: string,
): Promise<void> {
  for (const { name, entry } of selected) {
    const tree = await loadTree(root, rootHex(entry));
    let missing = tree ? 0 : entry.files;
    if (tree) missing = countMissing(root, tree.files);
    if (missing > 0) {
      throw new UserError(
        `${missing} file(s) of dataset ${name} (${entry.root.slice(7, 19)}) are not in the local cache.`,
        {
          code: 'DATA_NOT_CACHED',
          hint: `Fetch them from the remote with "poc data pull ${name}${rev ? ` --rev ${rev}` : ''}".`,
        },
      );
    }
  }
}
