import { basename } from 'node:path';

import { UserError } from '../core/errors.js';
import type { Manifest } from '../manifest/index.js';
import { updateGitignore } from './gitignore.js';
import { HashState } from './hash-state.js';
import { trackedByGit } from './git-history.js';
import { ingestFile } from './ingest.js';
import { readLock, writeLock, type LockEntry, type TableSchema } from './lock-file.js';
import { withRepoLock } from './mutex.js';
import { mapLimit } from './pool.js';
import { storeTree } from './tree.js';
import { tableFormat, tableSchema } from './table-schema.js';
import { listFiles, repoRelative } from './walk.js';

export interface AddOptions {
  paths: string[];
  name?: string;
  kind?: 'dataset' | 'model';
  /** Names of datasets in data.lock this one was produced from (lineage). */
  from?: string[];
  cwd?: string;
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface AddedDataset {
  name: string;
  path: string;
  root: string;
  files: number;
  bytes: number;
  changed: boolean;
  /** Git already tracks files under the path: .gitignore alone will not take them out. */
  trackedByGit: boolean;
}

/** `data/train-set.v2/` -> `train-set-v2`: a name that is a DNS label, like poc.yaml's. */
export function nameFromPath(path: string): string {
  const stem = basename(path).replace(/\.[^.]+$/, '') || basename(path);
  const name = stem
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return name || 'data';
}

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Hashes files into the cache and records each dataset in data.lock. Hashing and cache inserts
 * run without the repository lock (objects are immutable and written atomically); only the
 * read-modify-write of data.lock is serialised, so concurrent adds both land.
 */
export async function addData(
  root: string,
  manifest: Manifest,
  options: AddOptions,
): Promise<AddedDataset[]> {
  const targets = resolveTargets(root, manifest, options);
  const state = await HashState.load(root);
  const existing = await readLock(root);
  const fromRoots = (options.from ?? []).map((name) => {
    const entry = existing.datasets[name];
    if (!entry) {
      throw new UserError(`--from ${name}: no dataset of that name in data.lock.`, {
        code: 'DATA_UNKNOWN_DATASET',
        hint: `Add it first ("poc data add <path> --name ${name}"); known: ${Object.keys(existing.datasets).join(', ') || 'none'}.`,
      });
    }
    return { name, root: entry.root };
  });

  const prepared: Array<{ name: string; entry: LockEntry }> = [];
  for (const target of targets) {
    const clash = existing.datasets[target.name];
    if (clash && clash.path !== target.path) {
      throw new UserError(`Dataset name ${target.name} already tracks ${clash.path}.`, {
        code: 'DATA_NAME_TAKEN',
        hint: `Pick another name with --name, or remove ${target.name} from data.lock first.`,
      });
    }
    const { type, files } = await listFiles(root, target.path);
    const total = files.length;
    let done = 0;
    const hashed = await mapLimit(files, options.jobs ?? 8, async (file) => {
      const key = type === 'file' ? target.path : `${target.path}/${file.path}`;
      const sha256 = await ingestFile(root, file, state.lookup(key, file));
      state.remember(key, file, sha256);
      options.onProgress?.(++done, total);
      return { path: file.path, sha256, size: file.size };
    });
    const tree = await storeTree(root, hashed);
    const schema: TableSchema[] = [];
    for (const file of files.filter((f) => tableFormat(f.path))) {
      const summary = await tableSchema(file.absolute, file.path);
      if (summary) schema.push(summary);
    }
    const entry: LockEntry = {
      path: target.path,
      kind: options.kind ?? 'dataset',
      type,
      root: `sha256:${tree.sha256}`,
      files: hashed.length,
      bytes: hashed.reduce((sum, f) => sum + f.size, 0),
    };
    if (fromRoots.length) entry.from = fromRoots;
    if (schema.length) entry.schema = schema;
    prepared.push({ name: target.name, entry });
  }

  return withRepoLock(root, async () => {
    const lock = await readLock(root); // re-read: another process may have added meanwhile
    const results: AddedDataset[] = [];
    for (const { name, entry } of prepared) {
      const before = lock.datasets[name];
      lock.datasets[name] = entry;
      results.push({
        name,
        path: entry.path,
        root: entry.root,
        files: entry.files,
        bytes: entry.bytes,
        changed: before?.root !== entry.root,
        trackedByGit: await trackedByGit(root, entry.path),
      });
    }
    await writeLock(root, lock);
    await state.save();
    await updateGitignore(
      root,
      Object.values(lock.datasets).map((e) => e.path),
    );
    return results;
  });
}

function resolveTargets(
  root: string,
  manifest: Manifest,
  options: AddOptions,
): Array<{ name: string; path: string }> {
  const declared = manifest.data.datasets;
  if (options.paths.length === 0) {
    if (declared.length === 0) {
      throw new UserError('Nothing to add: no PATH given and poc.yaml declares no data.datasets.', {
        code: 'DATA_NOTHING_TO_ADD',
        hint: 'Run "poc data add data/train --name train", or list datasets under data.datasets in poc.yaml.',
      });
    }
    return declared.map((d) => ({ name: d.name, path: repoRelative(root, d.path, root) }));
  }
  if (options.name && options.paths.length > 1) {
    throw new UserError('--name names one dataset, but several paths were given.', {
      code: 'DATA_NAME_AMBIGUOUS',
      hint: 'Add the paths one at a time, each with its --name.',
    });
  }
  if (options.name && !NAME.test(options.name)) {
    throw new UserError(`--name ${options.name} is not a valid name.`, {
      code: 'DATA_NAME_INVALID',
      hint: 'Use lowercase letters, digits and dashes (at most 63), e.g. train-2024.',
    });
  }
  return options.paths.map((input) => {
    const path = repoRelative(root, input, options.cwd);
    const name =
      options.name ?? declared.find((d) => d.path.replace(/\/$/, '') === path)?.name ?? nameFromPath(path);
    return { name, path };
  });
}
