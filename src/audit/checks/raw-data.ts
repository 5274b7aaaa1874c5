import type { RepoFacts } from '../inventory/facts.js';
import type { RepoFile } from '../inventory/walk.js';

export const DATA_FILE =
  /\.(csv|tsv|parquet|feather|arrow|avro|orc|jsonl|npy|npz|h5|hdf5|jpe?g|png|bmp|tiff?|wav|flac|mat)$/i;
/** One large file or many small ones: either way, git is the wrong store. */
export const MAX_DATA_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DATA_TOTAL_BYTES = 20 * 1024 * 1024;

/** Patterns of every .gitignore, as path tests (a simple subset: names, dirs, `*` globs). */
function ignoreRules(facts: RepoFacts): Array<(path: string) => boolean> {
  const rules: Array<(path: string) => boolean> = [];
  for (const file of facts.index.select(/(^|\/)\.gitignore$/)) {
    const base = file.path.slice(0, -'.gitignore'.length);
    for (const rawLine of (file.text ?? '').split('\n')) {
      const line = rawLine.trim();
      if (!line || line.startsWith('#') || line.startsWith('!')) continue;
      const anchored = line.replace(/\/$/, '').startsWith('/') || line.replace(/\/$/, '').includes('/');
      const glob = line.replace(/^\//, '').replace(/\/$/, '');
      const body = glob
        .split('')
        .map((char) => (char === '*' ? '[^/]*' : /[.+?^${}()|[\]\\]/.test(char) ? `\\${char}` : char))
        .join('')
        .replace(/\[\^\/\]\*\[\^\/\]\*/g, '.*');
      const pattern = new RegExp(
        anchored ? `^${escape(base)}${body}(/|$)` : `^${escape(base)}(.*/)?${body}(/|$)`,
      );
      rules.push((path) => pattern.test(path));
    }
  }
  return rules;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Data files that git holds: tracked ones when the root is a work tree, else those no .gitignore covers. */
export function dataInGit(facts: RepoFacts): RepoFile[] {
  const data = facts.index.select(DATA_FILE);
  if (facts.index.tracked) return data.filter((file) => facts.index.tracked!.has(file.path));
  const rules = ignoreRules(facts);
  return data.filter((file) => !rules.some((rule) => rule(file.path)));
}
