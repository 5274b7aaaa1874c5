import { readFile } from 'node:fs/promises';

import { writeFileAtomic } from '../core/atomic-write.js';
import { dataPaths } from './paths.js';

interface Known {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

/**
 * Remembers the hash of each workspace file by (size, mtime, inode), so `status` and a repeated
 * `add` over thousands of unchanged files cost a stat each instead of a re-hash (DVC #7607).
 */
export class HashState {
  private dirty = false;
  private constructor(
    private readonly root: string,
    private readonly known: Record<string, Known>,
  ) {}

  static async load(root: string): Promise<HashState> {
    const text = await readFile(dataPaths(root).stateFile, 'utf8').catch(() => '{}');
    let known: Record<string, Known> = {};
    try {
      known = JSON.parse(text) as Record<string, Known>;
    } catch {
      known = {}; // a damaged state only costs a re-hash
    }
    return new HashState(root, known);
  }

  lookup(path: string, stats: { size: number; mtimeMs: number; ino: number }): string | undefined {
    const k = this.known[path];
    return k && k.size === stats.size && k.mtimeMs === stats.mtimeMs && k.ino === stats.ino
      ? k.sha256
      : undefined;
  }

  remember(path: string, stats: { size: number; mtimeMs: number; ino: number }, sha256: string): void {
    this.known[path] = { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, sha256 };
    this.dirty = true;
  }

  /** Merges with what another process saved meanwhile, then writes atomically. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const latest = await HashState.load(this.root);
    await writeFileAtomic(dataPaths(this.root).stateFile, JSON.stringify({ ...latest.known, ...this.known }));
    this.dirty = false;
  }
}
