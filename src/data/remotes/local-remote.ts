import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { EnvironmentError } from '../../core/errors.js';
import { hashingStream } from './hashing-stream.js';
import type { Remote } from './remote.js';

/** A directory as a remote (a network share, a USB disk for an air-gapped site, or a test). */
export class LocalRemote implements Remote {
  readonly description: string;

  constructor(private readonly base: string) {
    this.description = base;
  }

  private path(key: string): string {
    return join(this.base, ...key.split('/'));
  }

  /** Writes through a temporary name and a rename, so a killed push leaves no half object. */
  private async atomically(key: string, write: (temp: string) => Promise<void>): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await write(temp);
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async list(prefix: string): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const start = this.path(prefix);
    const walk = async (dir: string) => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      await Promise.all(
        entries.map(async (entry) => {
          const full = join(dir, entry.name);
          if (entry.isDirectory()) await walk(full);
          else if (entry.isFile() && !entry.name.endsWith('.partial')) {
            found.set(relative(this.base, full).split(sep).join('/'), (await stat(full)).size);
          }
        }),
      );
    };
    await walk(start);
    return found;
  }

  putBytes(key: string, data: Buffer): Promise<void> {
    return this.atomically(key, (temp) => writeFile(temp, data));
  }

  putFile(key: string, file: string): Promise<void> {
    return this.atomically(key, (temp) => copyFile(file, temp));
  }

  async getBytes(key: string): Promise<Buffer | undefined> {
    return readFile(this.path(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  }

  async getToFile(key: string, file: string): Promise<{ sha256: string; size: number }> {
    const hasher = hashingStream();
    await pipeline(createReadStream(this.path(key)), hasher, createWriteStream(file)).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' && error.path === this.path(key)) {
          throw new EnvironmentError(`Remote object ${key} is missing from ${this.description}.`, {
            code: 'DATA_REMOTE_MISSING',
          });
        }
        throw error;
      },
    );
    return hasher.result();
  }

  async deleteKeys(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.path(key), { force: true })));
  }
}
