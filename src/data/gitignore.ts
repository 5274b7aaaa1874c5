import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from '../core/atomic-write.js';

const BEGIN = '# >>> poc data: tracked in data.lock, stored in .poc/cache (managed, do not edit)';
const END = '# <<< poc data';
const ALWAYS = ['/.poc/cache/', '/.poc/tmp/', '/.poc/data-state.json', '/.poc/data.mutex'];

/**
 * Keeps a managed block in the root .gitignore listing every tracked path, so data never enters
 * git while data.lock does. Lines outside the block are the user's and are left alone.
 */
export async function updateGitignore(root: string, trackedPaths: string[]): Promise<boolean> {
  const file = join(root, '.gitignore');
  const current = await readFile(file, 'utf8').catch(() => '');
  const lines = current.split('\n');
  const start = lines.indexOf(BEGIN);
  const end = lines.indexOf(END);
  const outside = start >= 0 && end > start ? [...lines.slice(0, start), ...lines.slice(end + 1)] : lines;
  while (outside.length > 0 && outside[outside.length - 1] === '') outside.pop();
  const block = [BEGIN, ...ALWAYS, ...[...new Set(trackedPaths)].sort().map((p) => `/${p}`), END];
  const next = `${[...outside, ...(outside.length ? [''] : []), ...block].join('\n')}\n`;
  if (next === current) return false;
  await writeFileAtomic(file, next);
  return true;
}
