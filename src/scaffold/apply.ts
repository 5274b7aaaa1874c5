import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import { UserError } from '../core/errors.js';
import { sha256, type Plan } from './plan.js';

export interface ApplyOptions {
  /** Overwrite files in a non-empty target directory (other files there are left alone). */
  force?: boolean;
}

export interface WrittenFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ApplyResult {
  dir: string;
  files: WrittenFile[];
  /** Files that existed and were replaced (only with force). */
  overwritten: string[];
}

/**
 * Writes a plan into `targetDir`. Everything is first rendered into a staging directory next to
 * the target (same file system), then moved into place: into a new directory with a single
 * rename; into an existing one file by file, with replaced files backed up and restored if any
 * step fails. A failure or an interrupt (SIGINT/SIGTERM) leaves nothing behind.
 */
export async function applyPlan(
  plan: Plan,
  targetDir: string,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const target = resolve(targetDir);
  const existing = await checkTarget(target, targetDir, options);
  const anchor = await nearestExistingAncestor(dirname(target));
  // Signals: while staging, an interrupt removes the staging directory and ends the process as
  // the signal would have; while moving into place, it waits until the move has completed or
  // been rolled back, so the target is never left half-written. Handlers go in before the
  // staging directory exists, so no moment leaves it behind.
  let staging: string | undefined;
  let moving = false;
  let pending: NodeJS.Signals | undefined;
  const stopListening = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const die = (signal: NodeJS.Signals) => {
    if (staging) rmSync(staging, { recursive: true, force: true });
    stopListening();
    process.kill(process.pid, signal);
  };
  function onSignal(signal: NodeJS.Signals) {
    if (moving) pending = signal;
    else die(signal);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    staging = makeStaging(anchor, basename(target), targetDir);
  } catch (error) {
    stopListening();
    throw error;
  }
  try {
    const tree = join(staging, 'tree');
    // Synchronous on purpose: for ~100 small files into a private staging directory this costs
    // far less CPU than promises through the thread pool (bench/init.mjs).
    for (const dir of [...new Set(plan.files.map((file) => dirname(join(tree, file.path))))].sort()) {
      mkdirSync(dir, { recursive: true });
    }
    for (const file of plan.files) {
      const path = join(tree, file.path);
      writeFileSync(path, file.content);
      // The mode given to writeFile is filtered by the umask; chmod makes it the same everywhere.
      chmodSync(path, file.mode);
    }
    // A signal that arrived during the synchronous writes is handled here, before anything moves:
    // Node reads signals in the event loop's poll phase, which one real I/O round trip reaches,
    // and the check phase (setImmediate) comes after every callback of that poll.
    await stat(tree);
    await new Promise((resolve) => setImmediate(resolve));
    moving = true;
    const overwritten = await (
      existing.kind === 'missing'
        ? moveNewDirectory(tree, target, anchor)
        : mergeIntoExisting(plan, tree, target, join(staging, 'backup'))
    ).finally(() => {
      moving = false;
    });
    return {
      dir: target,
      files: plan.files.map((file) => ({
        path: file.path,
        sha256: sha256(file.content),
        bytes: file.content.length,
      })),
      overwritten,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (pending) die(pending);
    stopListening();
  }
}

/**
 * Refuses a target that is a file, or a non-empty directory without force (exit 2). Dry runs
 * call it too, so a plan is only shown for a run that would succeed.
 */
export async function checkTarget(
  target: string,
  display: string,
  options: ApplyOptions = {},
): Promise<TargetState> {
  const existing = await inspectTarget(resolve(target));
  if (existing.kind === 'file') {
    throw new UserError(`${display} exists and is a file, not a directory.`, {
      code: 'TARGET_NOT_DIRECTORY',
      hint: 'Choose another place with --dir.',
    });
  }
  if (existing.kind === 'non-empty' && !options.force) {
    throw new UserError(`${display} is not empty (${existing.sample}).`, {
      code: 'TARGET_NOT_EMPTY',
      hint: 'Choose an empty or new directory with --dir, or pass --force to overwrite the generated files there.',
    });
  }
  return existing;
}

type TargetState =
  { kind: 'missing' } | { kind: 'file' } | { kind: 'empty' } | { kind: 'non-empty'; sample: string };

async function inspectTarget(target: string): Promise<TargetState> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (!info.isDirectory()) return { kind: 'file' };
  const entries = (await readdir(target)).sort();
  if (entries.length === 0) return { kind: 'empty' };
  const shown = entries.slice(0, 3).join(', ');
  return { kind: 'non-empty', sample: entries.length > 3 ? `${shown}, … ${entries.length} entries` : shown };
}

async function nearestExistingAncestor(dir: string): Promise<string> {
  let current = dir;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

function makeStaging(anchor: string, name: string, targetDir: string): string {
  try {
    return mkdtempSync(join(anchor, `.${name}.poc-init-`));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new UserError(`Cannot create ${targetDir}: ${anchor} is not writable (${code}).`, {
        code: 'TARGET_NOT_WRITABLE',
        hint: 'Choose a directory you can write to with --dir.',
        cause: error,
      });
    }
    throw error;
  }
}

/** A new target: create its parents (removed again on failure), then one atomic rename. */
async function moveNewDirectory(tree: string, target: string, anchor: string): Promise<string[]> {
  const parent = dirname(target);
  const created = parent === anchor ? undefined : await mkdir(parent, { recursive: true });
  try {
    await rename(tree, target);
  } catch (error) {
    if (created) await removeCreatedParents(parent, anchor);
    throw error;
  }
  return [];
}

async function removeCreatedParents(dir: string, anchor: string): Promise<void> {
  for (let current = dir; current !== anchor && current.startsWith(anchor); current = dirname(current)) {
    // rmdir, not rm -r: only the empty directories this call created go.
    await rmdir(current).catch(() => undefined);
  }
}

/**
 * An existing (empty, or non-empty with force) target: move files one by one. Replaced files go
 * to a backup first; on failure, moved files are removed and backups restored.
 */
async function mergeIntoExisting(
  plan: Plan,
  tree: string,
  target: string,
  backup: string,
): Promise<string[]> {
  const moved: string[] = [];
  const backedUp: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const file of plan.files) {
      const destination = join(target, file.path);
      for (let dir = dirname(destination); dir !== target && !existsSync(dir); dir = dirname(dir))
        createdDirs.push(dir);
      await mkdir(dirname(destination), { recursive: true });
      if (existsSync(destination)) {
        if ((await stat(destination)).isDirectory()) {
          throw new UserError(
            `${file.path} exists in the target as a directory; poc init will not replace it.`,
            {
              code: 'TARGET_CONFLICT',
              hint: 'Move it away or choose another directory with --dir.',
            },
          );
        }
        const saved = join(backup, file.path);
        await mkdir(dirname(saved), { recursive: true });
        await rename(destination, saved);
        backedUp.push(file.path);
      }
      await rename(join(tree, file.path), destination);
      moved.push(file.path);
    }
  } catch (error) {
    for (const path of moved) await rm(join(target, path), { force: true });
    for (const path of backedUp) await rename(join(backup, path), join(target, path)).catch(() => undefined);
    for (const dir of [...new Set(createdDirs)].sort((a, b) => b.length - a.length)) {
      await rmdir(dir).catch(() => undefined);
    }
    throw error;
  }
  return backedUp;
}
