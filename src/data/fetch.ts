import { mkdir, rm } from 'node:fs/promises';

import { EnvironmentError, GateError } from '../core/errors.js';
import { adoptVerified, hasObjectSync, insertBytes, insertBytesSync, newTempPath } from './cache.js';
import { sha256Of } from './hash-file.js';
import { rootHex, type LockEntry } from './lock-file.js';
import { loadPackIndex } from './packs.js';
import { dataPaths } from './paths.js';
import { mapLimit } from './pool.js';
import type { Remote } from './remotes/remote.js';
import { commitKey, objectKey, packKey, type CommitMarker, type PackIndex } from './remote-layout.js';
import { progressCounter, type ProgressListener } from './transfer-progress.js';
import { loadTree, parseTree, type Tree } from './tree.js';

export interface FetchResult {
  objects: number;
  packs: number;
  bytes: number;
}

const corrupt = (key: string, detail: string) =>
  new GateError(
    `Remote object ${key} is corrupt: ${detail}. It was rejected; nothing from it entered the cache.`,
    {
      code: 'DATA_REMOTE_CORRUPT',
      hint: 'Push the dataset again from a machine whose cache holds it ("poc data push --verify"), then pull.',
    },
  );

/** A full disk is the environment's problem, and the workspace was never touched. */
export function explainWriteError(error: unknown): unknown {
  if ((error as NodeJS.ErrnoException)?.code === 'ENOSPC') {
    return new EnvironmentError(
      'The disk filled up while downloading into .poc/cache; the workspace was not changed.',
      {
        code: 'DATA_DISK_FULL',
        hint: 'Free some space (e.g. "poc data gc") and run the command again; it resumes where it stopped.',
      },
    );
  }
  return error;
}

async function remoteMarker(remote: Remote, name: string, hex: string): Promise<CommitMarker> {
  const data = await remote.getBytes(commitKey(hex));
  if (!data) {
    throw new EnvironmentError(
      `Dataset ${name} (${hex.slice(0, 12)}) is not on ${remote.description}: it was never pushed completely.`,
      {
        code: 'DATA_NOT_PUSHED',
        hint: 'Run "poc data push" where the dataset was added, then pull again.',
      },
    );
  }
  try {
    return JSON.parse(data.toString('utf8')) as CommitMarker;
  } catch {
    throw corrupt(commitKey(hex), 'not a commit marker');
  }
}

/** The verified tree of a version, fetched into the cache if needed. */
async function ensureTree(root: string, remote: Remote, name: string, hex: string): Promise<Tree> {
  const cached = await loadTree(root, hex);
  if (cached) return cached;
  await remoteMarker(remote, name, hex);
  const data = await remote.getBytes(objectKey(hex));
  if (!data) throw corrupt(objectKey(hex), 'missing although its commit marker exists');
  if (sha256Of(data) !== hex)
    throw corrupt(objectKey(hex), `sha256 is ${sha256Of(data).slice(0, 12)}…, expected ${hex.slice(0, 12)}…`);
  const tree = parseTree(data, hex);
  await insertBytes(root, data, hex);
  return tree;
}

/**
 * Brings every object of the given versions into the cache. Each download is hashed as it lands
 * in .poc/tmp and enters the cache only if its sha256 matches; packs are checked as a whole and
 * per file. The workspace is not touched here at all.
 */
export async function fetchEntries(
  root: string,
  remote: Remote,
  entries: Array<{ name: string; entry: LockEntry }>,
  options: { jobs?: number; onProgress?: ProgressListener } = {},
): Promise<FetchResult> {
  const result: FetchResult = { objects: 0, packs: 0, bytes: 0 };
  try {
    await mkdir(dataPaths(root).tmp, { recursive: true });
    const missing = new Map<string, number>();
    const needPacks = new Map<string, { name: string; hex: string }>();
    for (const { name, entry } of entries) {
      const hex = rootHex(entry);
      const tree = await ensureTree(root, remote, name, hex);
      const absent = [];
      for (const file of tree.files)
        if (!missing.has(file.sha256) && !hasObjectSync(root, file.sha256)) absent.push(file);
      if (absent.length === 0) continue;
      for (const file of absent) missing.set(file.sha256, file.size);
      const marker = await remoteMarker(remote, name, hex);
      for (const id of marker.packs) needPacks.set(id, { name, hex });
    }
    if (missing.size === 0) return result;

    // Small files come out of packs; find which packs hold the missing ones.
    const fromPack = new Map<string, PackIndex>();
    await mapLimit([...needPacks.keys()], 8, async (id) => {
      const index = await loadPackIndex(root, remote, id);
      if (!index) throw corrupt(`packs/${id}.idx`, 'missing or unreadable');
      if (index.entries.some((e) => missing.has(e.sha256))) fromPack.set(id, index);
    });
    const inPacks = new Set([...fromPack.values()].flatMap((index) => index.entries.map((e) => e.sha256)));
    const loose = [...missing].filter(([sha]) => !inPacks.has(sha));
    const totalBytes = [...missing.values()].reduce((a, b) => a + b, 0);
    const tick = progressCounter('pull', missing.size, totalBytes, options.onProgress);

    type Job = { kind: 'pack'; index: PackIndex } | { kind: 'object'; sha256: string; size: number };
    const jobs: Job[] = [
      ...[...fromPack.values()].map((index) => ({ kind: 'pack' as const, index })),
      ...loose.map(([sha256, size]) => ({ kind: 'object' as const, sha256, size })),
    ];
    await mapLimit(jobs, options.jobs ?? 8, async (job) => {
      if (job.kind === 'object') {
        const temp = await newTempPath(root, 'pull');
        try {
          const got = await remote.getToFile(objectKey(job.sha256), temp);
          if (got.sha256 !== job.sha256)
            throw corrupt(
              objectKey(job.sha256),
              `sha256 is ${got.sha256.slice(0, 12)}…, expected ${job.sha256.slice(0, 12)}…`,
            );
          await adoptVerified(root, temp, job.sha256);
        } finally {
          await rm(temp, { force: true });
        }
        result.objects++;
        result.bytes += job.size;
        tick(1, job.size);
        return;
      }
      const { index } = job;
      const data = await remote.getBytes(packKey(index.pack));
      if (!data) throw corrupt(packKey(index.pack), 'missing although its commit marker exists');
      const actual = sha256Of(data);
      if (actual !== index.pack)
        throw corrupt(
          packKey(index.pack),
          `sha256 is ${actual.slice(0, 12)}…, expected ${index.pack.slice(0, 12)}…`,
        );
      const wanted = index.entries.filter((e) => missing.has(e.sha256));
      // Every entry is checked before any enters the cache: a bad pack contributes nothing.
      for (const e of wanted) {
        if (sha256Of(data.subarray(e.offset, e.offset + e.size)) !== e.sha256)
          throw corrupt(packKey(index.pack), `entry ${e.sha256.slice(0, 12)}… does not match its hash`);
      }
      for (const e of wanted) insertBytesSync(root, data.subarray(e.offset, e.offset + e.size), e.sha256);
      const files = wanted.length;
      result.packs++;
      result.bytes += data.length;
      tick(files, data.length);
    });
    return result;
  } catch (error) {
    throw explainWriteError(error);
  }
}
