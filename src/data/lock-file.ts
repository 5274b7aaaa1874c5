import { readFile } from 'node:fs/promises';
import { isMap, parseDocument, stringify } from 'yaml';
import { z } from 'zod';

import { writeFileAtomic } from '../core/atomic-write.js';
import { UserError } from '../core/errors.js';
import { dataPaths, LOCK_FILE } from './paths.js';

const hex64 = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits');

const column = z.strictObject({
  name: z.string(),
  type: z.enum(['integer', 'number', 'boolean', 'string', 'empty']),
});
const tableSchema = z.strictObject({
  file: z.string(),
  format: z.enum(['csv', 'tsv', 'jsonl']),
  rows: z.number().int().nonnegative(),
  columns: z.array(column),
});

const lockEntry = z.strictObject({
  path: z.string().min(1),
  kind: z.enum(['dataset', 'model']).default('dataset'),
  type: z.enum(['file', 'dir']),
  root: hex64,
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  schema: z.array(tableSchema).optional(),
  from: z.array(z.strictObject({ name: z.string(), root: hex64 })).optional(),
});

const dataLock = z.strictObject({
  version: z.literal(1),
  datasets: z.record(z.string(), lockEntry).default({}),
});

export type TableSchema = z.infer<typeof tableSchema>;
export type LockEntry = z.infer<typeof lockEntry>;
export type DataLock = z.infer<typeof dataLock>;

export const emptyLock = (): DataLock => ({ version: 1, datasets: {} });
export const rootHex = (entry: Pick<LockEntry, 'root'>) => entry.root.slice('sha256:'.length);

const HEADER = '# Written by "poc data add". Commit it with your code; edit it only with poc data.\n';

/** Parses lock-file text (from the workspace or from `git show REV:data.lock`). */
export function parseLock(text: string, where = LOCK_FILE): DataLock {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first?.linePos?.[0];
    throw new UserError(`${where} is not valid YAML${line ? ` (line ${line.line})` : ''}.`, {
      code: 'DATA_LOCK_INVALID',
      hint: 'Restore it from git ("git checkout -- data.lock") and re-run "poc data add".',
    });
  }
  const parsed = dataLock.safeParse(doc.toJS() ?? emptyLock());
  if (!parsed.success) {
    throw new UserError(`${where} has ${parsed.error.issues.length} problem(s).`, {
      code: 'DATA_LOCK_INVALID',
      hint: 'Restore it from git ("git checkout -- data.lock") and re-run "poc data add".',
      problems: parsed.error.issues.map((issue) => ({
        file: where,
        line: lineOf(text, issue.path.map(String)),
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}

/** The 1-based line of a key path in the lock text, for messages that point at it. */
export function lineOf(text: string, path: string[]): number | undefined {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
  let offset = node?.range?.[0];
  if (offset === undefined && isMap(parent)) offset = (parent as { range?: [number] }).range?.[0];
  if (offset === undefined) return undefined;
  return text.slice(0, offset).split('\n').length;
}

export async function readLockText(root: string): Promise<string | undefined> {
  return readFile(dataPaths(root).lockFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** data.lock of the workspace; an empty lock when there is none yet. */
export async function readLock(root: string): Promise<DataLock> {
  const text = await readLockText(root);
  return text === undefined ? emptyLock() : parseLock(text);
}

/** Datasets sorted by name and keys in a fixed order, so a change is a small, readable diff. */
export async function writeLock(root: string, lock: DataLock): Promise<void> {
  const datasets = Object.fromEntries(
    Object.keys(lock.datasets)
      .sort()
      .map((name) => {
        const e = lock.datasets[name] as LockEntry;
        const ordered: LockEntry = {
          path: e.path,
          kind: e.kind,
          type: e.type,
          root: e.root,
          files: e.files,
          bytes: e.bytes,
        };
        if (e.from?.length) ordered.from = e.from;
        if (e.schema?.length) ordered.schema = e.schema;
        return [name, ordered];
      }),
  );
  const body = stringify({ version: 1, datasets }, { lineWidth: 0 });
  await writeFileAtomic(dataPaths(root).lockFile, HEADER + body);
}
