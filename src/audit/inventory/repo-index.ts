import type { Evidence } from '../types.js';
import type { RepoFile, WalkResult } from './walk.js';

export type PathTest = RegExp | ((path: string) => boolean);

const MAX_EVIDENCE_TEXT = 120;

/**
 * The audited repository in memory: every file with its text, and searches that return
 * evidence as file:line. Checks read only through this, so the same checks run on a real
 * checkout and on a planned (not yet written) project, which is how `--fix` picks files.
 */
export class RepoIndex {
  readonly files: RepoFile[];
  readonly dirs: Set<string>;
  /** Paths git tracks, when the root is a git work tree. */
  readonly tracked?: Set<string>;
  private readonly byPath: Map<string, RepoFile>;
  private readonly lineStarts = new Map<string, number[]>();

  constructor(walk: Pick<WalkResult, 'files' | 'dirs'>, tracked?: Set<string>) {
    this.files = walk.files;
    this.dirs = new Set(walk.dirs);
    this.tracked = tracked;
    this.byPath = new Map(walk.files.map((file) => [file.path, file]));
  }

  file(path: string): RepoFile | undefined {
    return this.byPath.get(path);
  }

  text(path: string): string | undefined {
    return this.byPath.get(path)?.text;
  }

  /** Files whose path matches; `RegExp`s are tested against the whole relative path. */
  select(test: PathTest): RepoFile[] {
    const match = typeof test === 'function' ? test : (path: string) => test.test(path);
    return this.files.filter((file) => match(file.path));
  }

  hasDir(test: RegExp): string | undefined {
    for (const dir of this.dirs) if (test.test(dir)) return dir;
    return undefined;
  }

  /** The first line matching `pattern` in each file (in path order), up to `limit` files. */
  grep(files: RepoFile[], pattern: RegExp, limit = 3): Evidence[] {
    const found: Evidence[] = [];
    for (const file of files) {
      if (file.text === undefined) continue;
      const match = pattern.exec(file.text);
      if (!match) continue;
      found.push(this.evidenceAt(file, match.index));
      if (found.length >= limit) break;
    }
    return found;
  }

  /** Evidence for a file as a whole: its first line. */
  whole(file: RepoFile): Evidence {
    return { file: file.path, line: 1 };
  }

  evidenceAt(file: RepoFile, index: number): Evidence {
    const text = file.text ?? '';
    const line = this.lineOf(file.path, text, index);
    const starts = this.lineStarts.get(file.path)!;
    const start = starts[line - 1] ?? 0;
    const end = text.indexOf('\n', start);
    const content = text
      .slice(start, end === -1 ? undefined : end)
      .trim()
      .slice(0, MAX_EVIDENCE_TEXT);
    return { file: file.path, line, ...(content ? { text: content } : {}) };
  }

  private lineOf(path: string, text: string, index: number): number {
    let starts = this.lineStarts.get(path);
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts.set(path, starts);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}
