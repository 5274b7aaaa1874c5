import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';

import type { SkippedFile } from '../types.js';

export interface RepoFile {
  /** Relative to the audited root, with `/`. */
  path: string;
  size: number;
  mtimeMs: number;
  /** UTF-8 content; undefined for binary, huge or unreadable files. */
  text?: string;
}

export interface WalkResult {
  files: RepoFile[];
  /** Every directory walked, plus pruned ones (e.g. `mlruns`), relative, with `/`. */
  dirs: string[];
  skipped: SkippedFile[];
}

/** Larger files are listed (their size matters: raw data in git) but not read. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/** Dependency, cache and VCS directories: never evidence of practice, often huge. */
const IGNORED_DIRS = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.ipynb_checkpoints',
]);
/** Directories whose presence is evidence (experiment tracking, DVC cache) but whose content is not. */
const PRUNED_DIRS = new Set(['mlruns', 'wandb', '.dvc/cache', '.dvc/tmp']);

/** Contents never parsed as text: no NUL sniffing needed. */
const BINARY_EXTENSIONS =
  /\.(onnx|pt|pth|pkl|joblib|h5|hdf5|parquet|feather|npy|npz|tflite|pb|bin|safetensors|zip|gz|tgz|bz2|xz|7z|tar|png|jpe?g|gif|bmp|tiff?|webp|ico|pdf|mp4|avi|mov|wav|so|dylib|dll|exe|class|jar|pyc|whl)$/i;

/**
 * Lists and reads a repository without following directory symlinks (so a symlink loop cannot
 * trap the walk); broken links, loops, unreadable, binary and huge files are noted, never fatal.
 *
 * Synchronous on purpose: for tens of thousands of small files, a promise and a thread-pool hop
 * per system call cost more than the calls (measured 5x slower on a loaded 2-core machine).
 */
export async function walkRepository(root: string): Promise<WalkResult> {
  const files: RepoFile[] = [];
  const dirs: string[] = [];
  const skipped: SkippedFile[] = [];

  const visitFile = (path: string): void => {
    let fd: number;
    try {
      fd = openSync(join(root, path), 'r');
    } catch {
      skipped.push({ file: path, reason: 'unreadable' });
      return;
    }
    try {
      // One open, one fstat, one read: the walk's cost is system calls per file.
      const info = fstatSync(fd);
      const file: RepoFile = { path, size: info.size, mtimeMs: info.mtimeMs };
      files.push(file);
      if (BINARY_EXTENSIONS.test(path)) return void skipped.push({ file: path, reason: 'binary' });
      if (info.size > MAX_TEXT_BYTES) return void skipped.push({ file: path, reason: 'too-large' });
      const buffer = readFileSync(fd);
      if (buffer.subarray(0, 8000).includes(0)) skipped.push({ file: path, reason: 'binary' });
      else file.text = buffer.toString('utf8');
    } catch {
      skipped.push({ file: path, reason: 'unreadable' });
    } finally {
      closeSync(fd);
    }
  };

  const visitLink = (path: string): void => {
    try {
      // A link to a file is read like the file; a link to a directory is not followed.
      if (statSync(join(root, path)).isFile()) visitFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ELOOP' ? 'symlink-loop' : code === 'ENOENT' ? 'broken-symlink' : 'unreadable';
      skipped.push({ file: path, reason });
    }
  };

  const visitDir = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      skipped.push({ file: rel || '.', reason: 'unreadable' });
      return;
    }
    if (rel) dirs.push(rel);
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (IGNORED_DIRS.has(entry.name)) continue;
        if (PRUNED_DIRS.has(entry.name) || PRUNED_DIRS.has(path)) dirs.push(path);
        else visitDir(path);
      } else if (entry.isFile()) visitFile(path);
      else if (entry.isSymbolicLink()) visitLink(path);
      else skipped.push({ file: path, reason: 'special-file' });
    }
  };

  await lstat(root);
  visitDir('');
  const byPath = (a: { path?: string; file?: string }, b: { path?: string; file?: string }) => {
    const x = a.path ?? a.file ?? '';
    const y = b.path ?? b.file ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  };
  files.sort(byPath);
  skipped.sort(byPath);
  dirs.sort();
  return { files, dirs, skipped };
}
