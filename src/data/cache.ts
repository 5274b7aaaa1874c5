import { randomBytes } from 'node:crypto';
import { constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { UserError } from '../core/errors.js';
import { sha256Of } from './hash-file.js';
import { dataPaths, objectPath } from './paths.js';

/**
 * The content-addressed cache: one read-only file per sha256 under .poc/cache/objects/sha256/ab/….
 * Every insert goes through a temporary file in .poc/tmp and a rename, so a crash or a full disk
 * leaves either the whole object or nothing under its name. Directories already made are
 * remembered, because with many small files the system calls, not the bytes, are the cost.
 */
const madeDirs = new Set<string>();

async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return;
  await mkdir(dir, { recursive: true });
  madeDirs.add(dir);
}

export async function hasObject(root: string, sha256: string): Promise<boolean> {
  return stat(objectPath(root, sha256)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * hasObject on this thread: checking thousands of objects one by one through the thread pool is
 * what made `status` slow; a synchronous stat costs microseconds.
 */
export function hasObjectSync(root: string, sha256: string): boolean {
  return statSync(objectPath(root, sha256), { throwIfNoEntry: false })?.isFile() ?? false;
}

/** How many of the files the cache lacks. */
export function countMissing(root: string, files: ReadonlyArray<{ sha256: string }>): number {
  let missing = 0;
  for (const file of files) if (!hasObjectSync(root, file.sha256)) missing++;
  return missing;
}

export function tempPath(root: string, label = 'obj'): string {
  return join(dataPaths(root).tmp, `${label}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** A fresh temporary path whose directory exists. */
export async function newTempPath(root: string, label = 'obj'): Promise<string> {
  await ensureDir(dataPaths(root).tmp);
  return tempPath(root, label);
}

async function publish(temp: string, target: string): Promise<void> {
  await ensureDir(dirname(target));
  await rename(temp, target);
}

/** Runs `write` into a temporary file and publishes it; on failure the temporary file is removed. */
async function viaTemp(root: string, target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = await newTempPath(root);
  try {
    await write(temp);
    await publish(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Copies a workspace file into the cache under a hash computed by the caller. COPYFILE_FICLONE
 * makes a reflink where the file system supports it (btrfs, XFS, APFS) and a plain copy elsewhere.
 * The source is re-stat'ed after the copy: if it changed since it was hashed, the object would lie.
 */
export async function insertFile(
  root: string,
  source: string,
  sha256: string,
  hashed: { size: number; mtimeMs: number },
): Promise<void> {
  const target = objectPath(root, sha256);
  if (await hasObject(root, sha256)) return;
  await viaTemp(root, target, async (temp) => {
    await copyFile(source, temp, constants.COPYFILE_FICLONE);
    const after = await stat(source);
    if (after.size !== hashed.size || after.mtimeMs !== hashed.mtimeMs) {
      throw new UserError(`${source} changed while it was being added.`, {
        code: 'DATA_CHANGED_DURING_ADD',
        hint: 'Let whatever writes it finish, then run the command again.',
      });
    }
    await chmod(temp, 0o444);
  });
}

/** Stores bytes whose hash the caller has verified (or, for trees, computed). */
export async function insertBytes(root: string, data: Uint8Array, sha256 = sha256Of(data)): Promise<string> {
  const target = objectPath(root, sha256);
  if (await hasObject(root, sha256)) return sha256;
  await viaTemp(root, target, (temp) => writeFile(temp, data, { mode: 0o444 }));
  return sha256;
}

/**
 * insertBytes for small objects, synchronously: thousands of tiny writes cost more in thread-pool
 * round trips than in I/O, so pulls of many small files do them on this thread (as git does).
 */
export function insertBytesSync(root: string, data: Uint8Array, sha256: string): void {
  const target = objectPath(root, sha256);
  if (existsSync(target)) return;
  const temp = tempPath(root);
  try {
    if (!madeDirs.has(dataPaths(root).tmp)) mkdirSync(dataPaths(root).tmp, { recursive: true });
    writeFileSync(temp, data, { mode: 0o444 });
    if (!madeDirs.has(dirname(target))) {
      mkdirSync(dirname(target), { recursive: true });
      madeDirs.add(dirname(target));
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Moves an already verified temporary file (a download) into the cache. */
export async function adoptVerified(root: string, temp: string, sha256: string): Promise<void> {
  if (await hasObject(root, sha256)) {
    await rm(temp, { force: true });
    return;
  }
  await chmod(temp, 0o444);
  await publish(temp, objectPath(root, sha256));
}

export async function readObject(root: string, sha256: string): Promise<Buffer> {
  return readFile(objectPath(root, sha256));
}
