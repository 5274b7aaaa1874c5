import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

import { UserError } from '../core/errors.js';
import { parseManifest, type ParsedManifest } from './parse.js';
import type { Manifest } from './schema.js';

export const MANIFEST_FILE = 'poc.yaml';

export interface LoadedProject {
  root: string;
  file: string;
  /** The manifest's path as messages show it. */
  displayFile: string;
  manifest: Manifest;
  parsed: ParsedManifest;
}

const exists = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** The project root: `dir` when given, else the nearest parent of `from` holding poc.yaml. */
export async function findProjectRoot(dir: string | undefined, from = process.cwd()): Promise<string> {
  if (dir !== undefined) {
    const root = resolve(from, dir);
    if (await exists(join(root, MANIFEST_FILE))) return root;
    throw new UserError(`No ${MANIFEST_FILE} in ${root}.`, {
      code: 'NOT_A_PROJECT',
      hint: `Pass --dir with a project root, or create a project there with "poc init".`,
    });
  }
  const start = resolve(from);
  for (let current = start; ; current = dirname(current)) {
    if (await exists(join(current, MANIFEST_FILE))) return current;
    if (dirname(current) === current) break;
  }
  throw new UserError(`No ${MANIFEST_FILE} in ${start} or any parent directory.`, {
    code: 'NOT_A_PROJECT',
    hint: 'Run this inside a poc2prod project, pass --dir PATH, or create one with "poc init NAME".',
  });
}

/** How a file is named in messages: relative to where the user stands, when it is below it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Finds, reads and validates poc.yaml; throws a UserError listing every problem. */
export async function loadProject(dir: string | undefined, from = process.cwd()): Promise<LoadedProject> {
  const root = await findProjectRoot(dir, from);
  const file = join(root, MANIFEST_FILE);
  const displayFile = displayPath(file, from);
  const parsed = parseManifest(await readFile(file, 'utf8'), displayFile);
  if (!parsed.manifest) {
    const count = parsed.problems.length;
    throw new UserError(`${displayFile} has ${count} problem${count === 1 ? '' : 's'}.`, {
      code: 'MANIFEST_INVALID',
      hint: `Fix the listed fields; the schema is in schema/poc.schema.json and "poc validate" checks again.`,
      problems: parsed.problems,
    });
  }
  return { root, file, displayFile, manifest: parsed.manifest, parsed };
}
