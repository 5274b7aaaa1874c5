import { UserError } from '../core/errors.js';
import { lockAt, lockRevisions, type LockRevision } from './git-history.js';
import { parseLock, readLock, type DataLock, type LockEntry } from './lock-file.js';

export interface DatasetVersion {
  /** The commit that recorded this version; undefined for an uncommitted data.lock. */
  commit?: string;
  date?: string;
  author?: string;
  subject?: string;
  root: string;
  files: number;
  bytes: number;
  from?: Array<{ name: string; root: string }>;
}

export interface DatasetLog {
  name: string;
  path: string;
  kind: LockEntry['kind'];
  versions: DatasetVersion[];
  /** Models (or datasets) whose recorded inputs include a version of this one. */
  usedBy: Array<{ name: string; root: string; from: string }>;
}

/** A new version is new content or new inputs: a model retrained on other data is a new version. */
const sameVersion = (a: LockEntry, b: LockEntry | undefined) =>
  b !== undefined && a.root === b.root && JSON.stringify(a.from ?? []) === JSON.stringify(b.from ?? []);

const versionOf = (entry: LockEntry, rev?: LockRevision): DatasetVersion => ({
  ...(rev ? { commit: rev.commit, date: rev.date, author: rev.author, subject: rev.subject } : {}),
  root: entry.root,
  files: entry.files,
  bytes: entry.bytes,
  ...(entry.from ? { from: entry.from } : {}),
});

/**
 * A dataset's versions across git history, newest first: one row per commit where its root hash
 * changed, plus the uncommitted data.lock when it differs. Inputs (`from`) and users are listed,
 * so data -> model lineage can be read in both directions.
 */
export async function datasetLog(root: string, nameOrPath: string): Promise<DatasetLog> {
  const workspace = await readLock(root);
  const history: Array<{ rev: LockRevision; lock: DataLock }> = [];
  for (const rev of await lockRevisions(root)) {
    history.push({
      rev,
      lock: parseLock(await lockAt(root, rev.commit), `data.lock at ${rev.commit.slice(0, 8)}`),
    });
  }
  const name = resolveName(nameOrPath, [workspace, ...history.map((h) => h.lock)]);
  const versions: DatasetVersion[] = [];
  const committed = history.map(({ rev, lock }) => ({ rev, entry: lock.datasets[name] }));
  for (let i = 0; i < committed.length; i++) {
    const { rev, entry } = committed[i] as (typeof committed)[number];
    const older = committed[i + 1]?.entry;
    if (entry && !sameVersion(entry, older)) versions.push(versionOf(entry, rev));
  }
  const current = workspace.datasets[name];
  if (current && !sameVersion(current, committed[0]?.entry)) versions.unshift(versionOf(current));

  const usedBy = new Map<string, { name: string; root: string; from: string }>();
  const roots = new Set(versions.map((v) => v.root));
  for (const lock of [workspace, ...history.map((h) => h.lock)]) {
    for (const [other, entry] of Object.entries(lock.datasets)) {
      for (const input of entry.from ?? []) {
        if (input.name === name && roots.has(input.root))
          usedBy.set(`${other}@${entry.root}<-${input.root}`, {
            name: other,
            root: entry.root,
            from: input.root,
          });
      }
    }
  }
  const latest = current ?? committed.find((c) => c.entry)?.entry;
  return {
    name,
    path: latest?.path ?? '',
    kind: latest?.kind ?? 'dataset',
    versions,
    usedBy: [...usedBy.values()],
  };
}

function resolveName(nameOrPath: string, locks: DataLock[]): string {
  const clean = nameOrPath.replace(/^\.\//, '').replace(/\/$/, '');
  for (const lock of locks) {
    if (lock.datasets[clean]) return clean;
    const byPath = Object.entries(lock.datasets).find(([, e]) => e.path === clean);
    if (byPath) return byPath[0];
  }
  const known = [...new Set(locks.flatMap((l) => Object.keys(l.datasets)))].sort();
  throw new UserError(`No dataset or model named ${nameOrPath} in data.lock or its history.`, {
    code: 'DATA_UNKNOWN_DATASET',
    hint: known.length ? `Known: ${known.join(', ')}.` : 'Add one first: "poc data add data/train".',
  });
}

export interface Lineage {
  name: string;
  path: string;
  kind: LockEntry['kind'];
  root: string;
  /** The dataset versions it was produced from, with what data.lock says of each now. */
  from: Array<{
    name: string;
    root: string;
    path?: string;
    files?: number;
    bytes?: number;
    current: boolean;
  }>;
}

/** What produced an artifact (by name or path), from the workspace data.lock; undefined if untracked. */
export async function lineageOf(root: string, nameOrPath: string): Promise<Lineage | undefined> {
  const lock = await readLock(root);
  const clean = nameOrPath.replace(/^\.\//, '').replace(/\/$/, '');
  const found = lock.datasets[clean]
    ? [clean, lock.datasets[clean]]
    : Object.entries(lock.datasets).find(([, e]) => e.path === clean);
  if (!found) return undefined;
  const [name, entry] = found as [string, LockEntry];
  return {
    name,
    path: entry.path,
    kind: entry.kind,
    root: entry.root,
    from: (entry.from ?? []).map((input) => {
      const now = lock.datasets[input.name];
      return {
        name: input.name,
        root: input.root,
        path: now?.path,
        files: now?.files,
        bytes: now?.bytes,
        current: now?.root === input.root,
      };
    }),
  };
}
