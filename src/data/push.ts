import { GateError, UserError } from '../core/errors.js';
import type { Manifest } from '../manifest/index.js';
import { hasObjectSync, readObject } from './cache.js';
import { sha256Of } from './hash-file.js';
import { readLock, rootHex } from './lock-file.js';
import { buildPack, groupIntoPacks, loadPackIndex, saveLocalPackIndex } from './packs.js';
import { objectPath } from './paths.js';
import { mapLimit } from './pool.js';
import { openRemote, type Remote } from './remotes/open-remote.js';
import {
  commitKey,
  objectKey,
  packIndexKey,
  packKey,
  PACK_THRESHOLD,
  type CommitMarker,
} from './remote-layout.js';
import { selectEntries } from './selection.js';
import { progressCounter, type ProgressListener } from './transfer-progress.js';
import { loadTree, type Tree, type TreeFile } from './tree.js';

export interface PushOptions {
  names?: string[];
  jobs?: number;
  /** Download and re-hash every object of the pushed versions before writing commit markers. */
  verify?: boolean;
  dryRun?: boolean;
  onProgress?: ProgressListener;
}

export interface PushPlanEntry {
  name: string;
  root: string;
  upToDate: boolean;
  uploadFiles: number;
  uploadBytes: number;
}

export interface PushResult {
  remote: string;
  dryRun: boolean;
  datasets: PushPlanEntry[];
  uploaded: { objects: number; packs: number; bytes: number };
  verified: number;
}

/** What the remote holds now: listed, and pack indexes read, in this run. */
interface RemoteState {
  keys: Map<string, number>;
  /** Small file sha256 -> id of a complete pack (pack and index both listed) holding it. */
  packed: Map<string, string>;
}

async function readRemoteState(root: string, remote: Remote): Promise<RemoteState> {
  const keys = await remote.list('');
  const packed = new Map<string, string>();
  const ids = [...keys.keys()]
    .filter((k) => k.startsWith('packs/') && k.endsWith('.idx'))
    .map((k) => k.slice(6, -4));
  await mapLimit(ids, 8, async (id) => {
    const index = keys.has(packKey(id)) ? await loadPackIndex(root, remote, id) : undefined;
    if (index && keys.get(packKey(id)) === index.size)
      for (const e of index.entries) packed.set(e.sha256, id);
  });
  return { keys, packed };
}

const hasObject = (state: RemoteState, sha256: string, size: number) =>
  state.keys.get(objectKey(sha256)) === size;

/** A commit marker counts only if every object and pack it names is on the remote now. */
async function committed(remote: Remote, state: RemoteState, root: string): Promise<boolean> {
  if (!state.keys.has(commitKey(root))) return false;
  const data = await remote.getBytes(commitKey(root));
  if (!data) return false;
  try {
    const marker = JSON.parse(data.toString('utf8')) as CommitMarker;
    return (
      marker.objects.every((sha) => state.keys.has(objectKey(sha))) &&
      marker.packs.every((id) => state.keys.has(packKey(id)) && state.keys.has(packIndexKey(id)))
    );
  } catch {
    return false;
  }
}

async function treeOf(root: string, name: string, hex: string): Promise<Tree> {
  const tree = await loadTree(root, hex);
  if (!tree) {
    throw new UserError(
      `Dataset ${name} (${hex.slice(0, 12)}) is not in the local cache, so it cannot be pushed.`,
      {
        code: 'DATA_NOT_CACHED',
        hint: 'Push from the machine that added it, or "poc data pull" it first.',
      },
    );
  }
  return tree;
}

/**
 * Pushes dataset versions: objects and packs first, then a fresh listing of the remote confirms
 * every one (size, and with --verify the re-hashed content), and only then the commit marker is
 * written. A push killed at any point leaves no marker, so nothing claims to be complete; running
 * it again lists the remote and uploads only what is missing.
 */
export async function pushData(
  root: string,
  manifest: Manifest,
  options: PushOptions = {},
): Promise<PushResult> {
  const lock = await readLock(root);
  const selected = selectEntries(lock, options.names);
  const remote = openRemote(root, manifest.data.remote);
  const state = await readRemoteState(root, remote);

  const plan: PushPlanEntry[] = [];
  const trees = new Map<string, Tree>();
  const large = new Map<string, TreeFile>();
  const small = new Map<string, TreeFile>();
  for (const { name, entry } of selected) {
    const hex = rootHex(entry);
    const tree = await treeOf(root, name, hex);
    if (await committed(remote, state, hex)) {
      plan.push({ name, root: entry.root, upToDate: true, uploadFiles: 0, uploadBytes: 0 });
      continue;
    }
    trees.set(hex, tree);
    let files = 0;
    let bytes = 0;
    const toUpload: TreeFile[] = [];
    for (const file of tree.files) {
      const missing =
        file.size < PACK_THRESHOLD
          ? !state.packed.has(file.sha256)
          : !hasObject(state, file.sha256, file.size);
      if (!missing || large.has(file.sha256) || small.has(file.sha256)) continue;
      (file.size < PACK_THRESHOLD ? small : large).set(file.sha256, file);
      toUpload.push(file);
      files++;
      bytes += file.size;
    }
    plan.push({ name, root: entry.root, upToDate: false, uploadFiles: files, uploadBytes: bytes });
    requireObjects(root, name, toUpload);
  }
  const result: PushResult = {
    remote: remote.description,
    dryRun: Boolean(options.dryRun),
    datasets: plan,
    uploaded: { objects: 0, packs: 0, bytes: 0 },
    verified: 0,
  };
  if (options.dryRun || trees.size === 0) return result;

  const jobs = options.jobs ?? 8;
  const totalBytes = [...large.values(), ...small.values()].reduce((sum, f) => sum + f.size, 0);
  const tick = progressCounter('push', large.size + small.size, totalBytes, options.onProgress);
  const packs = groupIntoPacks([...small.values()]);
  type Job = { kind: 'pack'; files: TreeFile[] } | { kind: 'object'; file: TreeFile };
  const work: Job[] = [
    ...packs.map((files) => ({ kind: 'pack' as const, files })),
    ...[...large.values()].map((file) => ({ kind: 'object' as const, file })),
  ];
  const expected = new Map<string, { size: number; sha256: string }>();
  await mapLimit(work, jobs, async (job) => {
    if (job.kind === 'object') {
      await remote.putFile(
        objectKey(job.file.sha256),
        objectPath(root, job.file.sha256),
        job.file.size,
        job.file.sha256,
      );
      expected.set(objectKey(job.file.sha256), { size: job.file.size, sha256: job.file.sha256 });
      result.uploaded.objects++;
      result.uploaded.bytes += job.file.size;
      tick(1, job.file.size);
      return;
    }
    const { data, index } = buildPack(root, job.files);
    await remote.putBytes(packKey(index.pack), data, index.pack);
    const indexBytes = Buffer.from(JSON.stringify(index));
    // The index goes up after its pack: an index on the remote always has its pack behind it.
    await remote.putBytes(packIndexKey(index.pack), indexBytes, sha256Of(indexBytes));
    await saveLocalPackIndex(root, index);
    for (const e of index.entries) state.packed.set(e.sha256, index.pack);
    expected.set(packKey(index.pack), { size: data.length, sha256: index.pack });
    result.uploaded.packs++;
    result.uploaded.bytes += data.length;
    tick(job.files.length, data.length);
  });

  for (const [hex, tree] of trees) {
    const bytes = await readObject(root, hex);
    if (!hasObject(state, hex, bytes.length)) await remote.putBytes(objectKey(hex), bytes, hex);
    expected.set(objectKey(hex), { size: bytes.length, sha256: hex });
    for (const file of tree.files) {
      if (file.size >= PACK_THRESHOLD)
        expected.set(objectKey(file.sha256), { size: file.size, sha256: file.sha256 });
      else {
        const id = state.packed.get(file.sha256) as string;
        expected.set(packKey(id), { size: -1, sha256: id });
      }
    }
  }

  // Confirm against a fresh listing, not against what the uploads returned.
  const after = await remote.list('');
  const absent = [...expected].filter(
    ([key, want]) => !after.has(key) || (want.size >= 0 && after.get(key) !== want.size),
  );
  if (absent.length) {
    throw new GateError(
      `${absent.length} object(s) did not arrive intact on ${remote.description}; no dataset was marked pushed.`,
      {
        code: 'DATA_PUSH_INCOMPLETE',
        hint: 'Run "poc data push" again: it uploads only what is missing.',
        problems: absent
          .slice(0, 20)
          .map(([key]) => ({ message: `${key} is missing or has the wrong size` })),
      },
    );
  }
  if (options.verify) result.verified = await verifyRemoteObjects(remote, expected, jobs);

  for (const [hex, tree] of trees) {
    const marker: CommitMarker = {
      version: 1,
      root: hex,
      objects: [hex, ...new Set(tree.files.filter((f) => f.size >= PACK_THRESHOLD).map((f) => f.sha256))],
      packs: [
        ...new Set(
          tree.files.filter((f) => f.size < PACK_THRESHOLD).map((f) => state.packed.get(f.sha256) as string),
        ),
      ],
    };
    const data = Buffer.from(JSON.stringify(marker));
    await remote.putBytes(commitKey(hex), data, sha256Of(data));
  }
  return result;
}

/** What must be uploaded must be in the local cache (gc or a partial pull may have left gaps). */
function requireObjects(root: string, name: string, files: TreeFile[]): void {
  const absent = files.filter((file) => !hasObjectSync(root, file.sha256)).map((file) => file.path);
  if (absent.length) {
    throw new UserError(
      `${absent.length} file(s) of dataset ${name} are not in the local cache: ${absent.sort().slice(0, 5).join(', ')}.`,
      {
        code: 'DATA_NOT_CACHED',
        hint: `Run "poc data pull ${name}" (or add the data again), then push.`,
      },
    );
  }
}

/** Downloads and re-hashes remote objects; a mismatch is a failed verification (exit 1). */
export async function verifyRemoteObjects(
  remote: Remote,
  expected: Map<string, { sha256: string }>,
  jobs: number,
): Promise<number> {
  const bad: string[] = [];
  await mapLimit([...expected], jobs, async ([key, want]) => {
    const data = await remote.getBytes(key);
    if (!data || sha256Of(data) !== want.sha256) bad.push(key);
  });
  if (bad.length) {
    throw new GateError(
      `${bad.length} remote object(s) on ${remote.description} do not match their sha256.`,
      {
        code: 'DATA_REMOTE_CORRUPT',
        hint: 'Delete the listed keys from the remote and run "poc data push" again.',
        problems: bad.sort().map((key) => ({ message: `${key}: content does not match its hash` })),
      },
    );
  }
  return expected.size;
}
