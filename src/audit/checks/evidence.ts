import { locate } from '../../manifest/index.js';
import type { RepoFacts } from '../inventory/facts.js';
import type { PathTest } from '../inventory/repo-index.js';
import type { Evidence } from '../types.js';

/** Evidence in documentation (Markdown, reStructuredText, text). */
export const inDocs = (facts: RepoFacts, pattern: RegExp, limit?: number): Evidence[] =>
  facts.index.grep(facts.docs, pattern, limit);

/** Evidence in source code and notebooks (not tests). */
export const inCode = (facts: RepoFacts, pattern: RegExp, limit?: number): Evidence[] =>
  facts.index.grep(facts.code, pattern, limit);

/**
 * Evidence in the code a service is built from: the entry points first, then every other
 * module (threshold logic or validation usually lives beside the server, not in it). Notebooks
 * are not served.
 */
export const inServing = (facts: RepoFacts, pattern: RegExp): Evidence[] => {
  const entry = new Set(facts.serving);
  const modules = facts.code.filter((file) => !entry.has(file) && !file.path.endsWith('.ipynb'));
  return facts.index.grep([...facts.serving, ...modules], pattern);
};

export const inTests = (facts: RepoFacts, pattern: RegExp): Evidence[] =>
  facts.index.grep(facts.tests, pattern);

/** Evidence in CI pipeline definitions (GitHub Actions, GitLab CI, Jenkins, Azure, CircleCI …). */
export const inCi = (facts: RepoFacts, pattern: RegExp): Evidence[] => facts.index.grep(facts.ci, pattern);

export const inConfig = (facts: RepoFacts, pattern: RegExp): Evidence[] =>
  facts.index.grep(facts.config, pattern);

/** Evidence in any file whose path matches. */
export const inFiles = (facts: RepoFacts, paths: PathTest, pattern: RegExp = /[\s\S]/): Evidence[] =>
  facts.index.grep(facts.index.select(paths), pattern);

/** Files whose path matches, each cited at line 1. */
export const filesNamed = (facts: RepoFacts, paths: PathTest, limit = 3): Evidence[] =>
  facts.index
    .select(paths)
    .slice(0, limit)
    .map((file) => facts.index.whole(file));

/**
 * A poc.yaml field that the user wrote (defaults do not count as evidence): cited at its line.
 * `accept` may reject a written but empty or placeholder value.
 */
export function inManifest(
  facts: RepoFacts,
  path: Array<string | number>,
  accept: (value: unknown) => boolean = (value) => value !== undefined && value !== null,
): Evidence[] {
  const poc = facts.pocYaml;
  if (!poc || poc.raw === undefined) return [];
  let node: unknown = poc.raw;
  for (const part of path) {
    if (!node || typeof node !== 'object') return [];
    node = (node as Record<string | number, unknown>)[part];
  }
  if (!accept(node)) return [];
  const { line } = locate(poc.parsed.document, poc.parsed.lines, path, { key: true });
  return [{ file: poc.file.path, line, text: path.join('.') }];
}

export const nonEmpty = (value: unknown) =>
  value !== undefined &&
  value !== null &&
  value !== '' &&
  !(Array.isArray(value) && value.length === 0) &&
  !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** Joins evidence lists, keeping order and dropping empties. */
export const any = (...lists: Evidence[][]): Evidence[] => lists.flat();
