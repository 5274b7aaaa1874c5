import type { Problem } from '../core/errors.js';
import type { Manifest } from '../manifest/index.js';
import { hasObjectSync } from './cache.js';
import { sha256File } from './hash-file.js';
import { HashState } from './hash-state.js';
import { lineOf, readLock, readLockText, rootHex } from './lock-file.js';
import { objectPath } from './paths.js';
import { mapLimit } from './pool.js';
import { verifyRemoteObjects } from './push.js';
import { openRemote } from './remotes/open-remote.js';
import { commitKey, objectKey, packKey, type CommitMarker } from './remote-layout.js';
import { selectEntries } from './selection.js';
import { loadTree, type Tree } from './tree.js';
import { workspaceVersion } from './workspace-state.js';

export interface VerifyResult {
  ok: boolean;
  datasets: number;
  objectsChecked: number;
  remoteObjectsChecked: number;
  problems: Problem[];
}

/**
 * Checks, end to end, that data.lock, the cache, the workspace and (with `remote`) the remote agree:
 * every tree hashes to the lock's root, every cached object re-hashes to its name, file counts and
 * sizes match, and remote objects re-hash to their keys. Each problem names its dataset and line.
 */
export async function verifyData(
  root: string,
  manifest: Manifest,
  options: { names?: string[]; remote?: boolean; jobs?: number } = {},
): Promise<VerifyResult> {
  const text = (await readLockText(root)) ?? '';
  const lock = await readLock(root);
  const state = await HashState.load(root);
  const problems: Problem[] = [];
  const at = (name: string, key: string) => ({
    file: 'data.lock',
    line: lineOf(text, ['datasets', name, key]),
  });
  let objectsChecked = 0;
  let remoteObjectsChecked = 0;
  const remote = options.remote ? openRemote(root, manifest.data.remote) : undefined;

  for (const { name, entry } of selectEntries(lock, options.names)) {
    const hex = rootHex(entry);
    const current = await workspaceVersion(root, entry, state, options.jobs);
    let tree: Tree | undefined;
    try {
      tree = await loadTree(root, hex);
    } catch {
      problems.push({
        ...at(name, 'root'),
        path: `datasets.${name}.root`,
        message: `the cached tree of ${entry.root} is corrupt`,
      });
      continue;
    }
    if (!tree) {
      const workspace =
        current.exists && current.root !== entry.root
          ? `; the workspace at ${entry.path} hashes to ${current.root}`
          : '';
      problems.push({
        ...at(name, 'root'),
        path: `datasets.${name}.root`,
        message: `dataset ${name}: ${entry.root} is not in the cache${workspace} (edited by hand, or never added or pulled here)`,
      });
      continue;
    }
    const bytes = tree.files.reduce((sum, f) => sum + f.size, 0);
    if (tree.files.length !== entry.files)
      problems.push({
        ...at(name, 'files'),
        path: `datasets.${name}.files`,
        message: `dataset ${name}: data.lock says ${entry.files} files, the version has ${tree.files.length}`,
      });
    if (bytes !== entry.bytes)
      problems.push({
        ...at(name, 'bytes'),
        path: `datasets.${name}.bytes`,
        message: `dataset ${name}: data.lock says ${entry.bytes} bytes, the version has ${bytes}`,
      });
    await mapLimit(tree.files, options.jobs ?? 4, async (file) => {
      if (!hasObjectSync(root, file.sha256)) {
        problems.push({
          path: `datasets.${name}`,
          message: `dataset ${name}: ${file.path} is not in the cache (run "poc data pull")`,
        });
        return;
      }
      objectsChecked++;
      const actual = await sha256File(objectPath(root, file.sha256));
      if (actual.sha256 !== file.sha256) {
        problems.push({
          path: `datasets.${name}`,
          message: `dataset ${name}: cache object of ${file.path} is corrupt (sha256 ${actual.sha256.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…)`,
        });
      }
    });
    if (current.exists && current.root !== entry.root) {
      problems.push({
        ...at(name, 'root'),
        path: `datasets.${name}.root`,
        message: `dataset ${name}: the workspace at ${entry.path} differs from data.lock (it hashes to ${current.root})`,
      });
    }
    if (remote) {
      const marker = await remote.getBytes(commitKey(hex));
      if (!marker) {
        problems.push({
          path: `datasets.${name}`,
          message: `dataset ${name}: not pushed to ${remote.description}`,
        });
        continue;
      }
      const parsed = JSON.parse(marker.toString('utf8')) as CommitMarker;
      const expected = new Map<string, { sha256: string }>([
        ...parsed.objects.map((sha) => [objectKey(sha), { sha256: sha }] as const),
        ...parsed.packs.map((id) => [packKey(id), { sha256: id }] as const),
      ]);
      try {
        remoteObjectsChecked += await verifyRemoteObjects(remote, expected, options.jobs ?? 8);
      } catch (error) {
        for (const p of (error as { problems?: Problem[] }).problems ?? [])
          problems.push({ ...p, path: `datasets.${name}` });
      }
    }
  }
  await state.save();
  return {
    ok: problems.length === 0,
    datasets: Object.keys(lock.datasets).length,
    objectsChecked,
    remoteObjectsChecked,
    problems,
  };
}
