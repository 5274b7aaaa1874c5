import { LineCounter, parseDocument } from 'yaml';

import { UserError, type Problem } from '../../core/errors.js';
import { formatPath, locate } from '../../manifest/index.js';

/** Parsed YAML that can point a problem at its source line. */
export interface LocatedYaml {
  root: unknown;
  /** `key: true` points at the map key itself (e.g. an unknown name), not its value. */
  problemAt(path: PropertyKey[], message: string, options?: { key?: boolean }): Problem;
}

/** Parses YAML keeping positions; syntax errors are a UserError with file:line:column. */
export function parseLocatedYaml(text: string, file: string, code: string): LocatedYaml {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new UserError(`${file} is not valid YAML.`, {
      code,
      hint: 'Fix the YAML syntax at the lines shown.',
      problems: document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { file, line, column: col, message: error.message.split('\n')[0] ?? error.message };
      }),
    });
  }
  return {
    root: document.toJS({ maxAliasCount: 100 }),
    problemAt(path, message, options) {
      const { line, column } = locate(document, lines, path, options);
      return { file, line, column, path: path.length ? formatPath(path) : undefined, message };
    },
  };
}
