import type { Manifest } from '../manifest/index.js';
import { readLock, rootHex } from './lock-file.js';
import { openRemote } from './remotes/open-remote.js';
import { commitKey, objectKey, packIndexKey, packKey, type CommitMarker } from './remote-layout.js';

export interface RemoteStatus {
  remote: string;
  /** True when every dataset in data.lock has a complete commit on the remote. */
  pushed: boolean;
  /** Names of datasets whose current version is not (completely) on the remote. */
  unpushed: string[];
}

/**
 * Whether each version in data.lock is on the remote, decided from a listing made now: a commit
 * marker counts only with every object and pack it names present (DVC #10977 is the bug avoided).
 */
export async function remoteStatus(root: string, manifest: Manifest): Promise<RemoteStatus> {
  const lock = await readLock(root);
  const remote = openRemote(root, manifest.data.remote);
  const keys = await remote.list('');
  const unpushed: string[] = [];
  for (const [name, entry] of Object.entries(lock.datasets).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const hex = rootHex(entry);
    const data = keys.has(commitKey(hex)) ? await remote.getBytes(commitKey(hex)) : undefined;
    let complete = false;
    if (data) {
      try {
        const marker = JSON.parse(data.toString('utf8')) as CommitMarker;
        complete =
          marker.objects.every((sha) => keys.has(objectKey(sha))) &&
          marker.packs.every((id) => keys.has(packKey(id)) && keys.has(packIndexKey(id)));
      } catch {
        complete = false;
      }
    }
    if (!complete) unpushed.push(name);
  }
  return { remote: remote.description, pushed: unpushed.length === 0, unpushed };
}
