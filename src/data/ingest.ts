import { createHash } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { UserError } from '../core/errors.js';
import { hasObject, insertFile, newTempPath } from './cache.js';
import { sha256Of } from './hash-file.js';
import { objectPath } from './paths.js';
import type { WorkspaceFile } from './walk.js';

const CHUNK = 4 * 1024 * 1024;
const madeShards = new Set<string>();

/**
 * Hashes a workspace file and stores it in the cache reading it only once: what is written to
 * the cache is exactly what was hashed, so the object can never disagree with its name. A small
 * file is read whole; a large one streams through rotating buffers, so reading the next chunk,
 * hashing this one and writing the previous one overlap. A file already known (same size, mtime
 * and inode as when last hashed) only needs its object to exist.
 */
export async function ingestFile(
  root: string,
  file: WorkspaceFile,
  known: string | undefined,
): Promise<string> {
  if (known) {
    await insertFile(root, file.absolute, known, file);
    return known;
  }
  const temp = await newTempPath(root);
  try {
    const sha256 =
      file.size <= CHUNK ? await copySmall(file.absolute, temp) : await copyLarge(file.absolute, temp);
    const after = await stat(file.absolute);
    if (after.size !== file.size || after.mtimeMs !== file.mtimeMs) {
      throw new UserError(`${file.absolute} changed while it was being added.`, {
        code: 'DATA_CHANGED_DURING_ADD',
        hint: 'Let whatever writes it finish, then run the command again.',
      });
    }
    if (await hasObject(root, sha256)) {
      await rm(temp, { force: true });
      return sha256;
    }
    await chmod(temp, 0o444);
    const target = objectPath(root, sha256);
    if (!madeShards.has(dirname(target))) {
      await mkdir(dirname(target), { recursive: true });
      madeShards.add(dirname(target));
    }
    await rename(temp, target);
    return sha256;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function copySmall(source: string, temp: string): Promise<string> {
  const data = await readFile(source);
  await writeFile(temp, data);
  return sha256Of(data);
}

async function copyLarge(source: string, temp: string): Promise<string> {
  const input = await open(source, 'r');
  const output = await open(temp, 'w');
  try {
    const hash = createHash('sha256');
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let turn = 0;
    let writing: Promise<unknown> = Promise.resolve();
    let reading = input.read(buffers[0] as Buffer, 0, CHUNK, null);
    for (;;) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) break;
      turn = (turn + 1) % 3;
      // This buffer last held the chunk before the previous one, whose write was awaited
      // in the previous turn: three buffers let read, hash and write overlap safely.
      reading = input.read(buffers[turn] as Buffer, 0, CHUNK, null);
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      await writing;
      writing = output.write(chunk, 0, bytesRead, null);
    }
    await writing;
    return hash.digest('hex');
  } finally {
    await Promise.all([input.close(), output.close()]);
  }
}
