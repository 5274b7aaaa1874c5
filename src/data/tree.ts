import { UserError } from '../core/errors.js';
import { hasObject, insertBytes, readObject } from './cache.js';
import { sha256Of } from './hash-file.js';

export interface TreeFile {
  /** Relative to the dataset path, with forward slashes; the file's own name for a single file. */
  path: string;
  sha256: string;
  size: number;
}

/**
 * A dataset version: its files, sorted by path, serialised canonically. The sha256 of that
 * serialisation is the dataset's root hash, so equal content always has the same root.
 */
export interface Tree {
  version: 1;
  files: TreeFile[];
}

export function serializeTree(files: TreeFile[]): Buffer {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tree: Tree = { version: 1, files: sorted.map(({ path, sha256, size }) => ({ path, sha256, size })) };
  return Buffer.from(`${JSON.stringify(tree)}\n`);
}

export function parseTree(data: Buffer, sha256: string): Tree {
  if (sha256Of(data) !== sha256) throw new UserError(`Tree object ${sha256} does not match its hash.`);
  const tree = JSON.parse(data.toString('utf8')) as Tree;
  if (tree.version !== 1 || !Array.isArray(tree.files))
    throw new UserError(`Tree object ${sha256} has an unknown format.`);
  return tree;
}

/** Stores the tree in the cache and returns its root hash. */
export async function storeTree(
  root: string,
  files: TreeFile[],
): Promise<{ sha256: string; tree: Tree; bytes: Buffer }> {
  const bytes = serializeTree(files);
  const sha256 = await insertBytes(root, bytes);
  return { sha256, tree: JSON.parse(bytes.toString('utf8')) as Tree, bytes };
}

/** The tree of a root hash from the cache, verified; undefined when the cache does not hold it. */
export async function loadTree(root: string, sha256: string): Promise<Tree | undefined> {
  if (!(await hasObject(root, sha256))) return undefined;
  return parseTree(await readObject(root, sha256), sha256);
}
