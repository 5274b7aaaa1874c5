import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

import type { Problem } from '../core/errors.js';
import { closest } from '../core/suggest.js';
import { formatPath, locate } from './locate-node.js';
import { checkRules } from './rules.js';
import { manifestSchema, type Manifest } from './schema.js';
import { allowedKeys } from './schema-keys.js';

/** Beyond this many, problems are summarised: a broken generator can emit thousands. */
const MAX_PROBLEMS = 200;

export interface ParsedManifest {
  manifest?: Manifest;
  problems: Problem[];
  document: Document;
  lines: LineCounter;
}

/** Parses poc.yaml text and reports every problem at once, each with its line and column. */
export function parseManifest(text: string, file = 'poc.yaml'): ParsedManifest {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const at = (path: PropertyKey[], message: string, key = false): Problem => ({
    file,
    ...locate(document, lines, path, { key }),
    path: path.length ? formatPath(path) : undefined,
    message,
  });

  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => ({
      file,
      line: error.linePos?.[0].line ?? 1,
      column: error.linePos?.[0].col ?? 1,
      message: `YAML syntax: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    }));
    return { problems: cap(problems), document, lines };
  }
  if (document.contents === null) {
    return {
      problems: [{ file, line: 1, column: 1, message: 'the file is empty; it needs at least project.name' }],
      document,
      lines,
    };
  }
  if (!isMap(document.contents)) {
    return {
      problems: [at([], 'must be a mapping of sections (project:, model:, …), not a list or a single value')],
      document,
      lines,
    };
  }

  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  const result = manifestSchema.safeParse(raw);
  const problems = [
    ...(result.error?.issues.flatMap((issue) => describeIssue(issue, at)) ?? []),
    ...checkRules(raw).map((problem) => at(problem.path, problem.message)),
  ];
  if (problems.length > 0 || !result.success) return { problems: cap(byPosition(problems)), document, lines };
  return { manifest: result.data, problems, document, lines };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  at: (path: PropertyKey[], message: string, key?: boolean) => Problem,
): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    const known = allowedKeys(manifestSchema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = closest(key, known);
      const hint = suggestion ? `did you mean "${suggestion}"?` : `allowed: ${known.join(', ')}`;
      return at([...issue.path, key], `unknown key "${key}" (${hint})`, true);
    });
  }
  return [at(issue.path, issue.message)];
}

function byPosition(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function cap(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    { message: `… and ${problems.length - MAX_PROBLEMS} more problems` },
  ];
}
