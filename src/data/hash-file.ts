import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;

export const sha256Of = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

/**
 * sha256 of a file. Large files are read with two buffers so the next read runs on libuv's
 * thread pool while this thread hashes the previous chunk: hashing, not I/O, sets the pace.
 */
export async function sha256File(
  path: string,
  knownSize?: number,
): Promise<{ sha256: string; size: number }> {
  if (knownSize !== undefined && knownSize <= CHUNK) {
    const data = await readFile(path);
    return { sha256: sha256Of(data), size: data.length };
  }
  const handle = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    let current = Buffer.allocUnsafe(CHUNK);
    let spare = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    let pending = handle.read(current, 0, CHUNK, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const filled = current;
      current = spare;
      spare = filled;
      pending = handle.read(current, 0, CHUNK, null);
      hash.update(filled.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await handle.close();
  }
}
