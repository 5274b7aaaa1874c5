import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

import type { TableSchema } from './lock-file.js';

type ColumnType = TableSchema['columns'][number]['type'];

const FORMATS: Record<string, TableSchema['format']> = {
  csv: 'csv',
  tsv: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};
/** Types are inferred from the first rows; every row is still counted. */
const SAMPLE_ROWS = 1000;

export function tableFormat(path: string): TableSchema['format'] | undefined {
  return FORMATS[path.split('.').pop()?.toLowerCase() ?? ''];
}

/** Splits one delimited line, honouring double quotes ("a,b" and "" escapes). */
export function splitDelimited(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

function typeOfText(value: string): ColumnType {
  const v = value.trim();
  if (v === '') return 'empty';
  if (/^[-+]?\d+$/.test(v)) return 'integer';
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) || /^(nan|inf|-inf)$/i.test(v)) return 'number';
  if (/^(true|false)$/i.test(v)) return 'boolean';
  return 'string';
}

function typeOfJson(value: unknown): ColumnType {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** The narrowest type that holds both: integer ⊂ number; anything else mixed is a string. */
function widen(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'empty') return a;
  if (a === 'empty') return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'string';
}

/** Columns, inferred types and row count of a CSV, TSV or JSON Lines file, streamed. */
export async function tableSchema(absolute: string, file: string): Promise<TableSchema | undefined> {
  const format = tableFormat(file);
  if (!format) return undefined;
  const lines = createInterface({ input: createReadStream(absolute, 'utf8'), crlfDelay: Infinity });
  const names: string[] = [];
  const types = new Map<string, ColumnType>();
  let rows = 0;
  let header = format !== 'jsonl';
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (header) {
      names.push(...splitDelimited(line, format === 'tsv' ? '\t' : ',').map((n) => n.trim()));
      for (const name of names) types.set(name, 'empty');
      header = false;
      continue;
    }
    rows++;
    if (rows > SAMPLE_ROWS) continue;
    if (format === 'jsonl') {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        return undefined; // not JSON Lines after all: no schema rather than a wrong one
      }
      if (!record || typeof record !== 'object' || Array.isArray(record)) return undefined;
      for (const [name, value] of Object.entries(record)) {
        if (!types.has(name)) names.push(name);
        types.set(name, widen(types.get(name) ?? 'empty', typeOfJson(value)));
      }
    } else {
      const cells = splitDelimited(line, format === 'tsv' ? '\t' : ',');
      names.forEach((name, i) =>
        types.set(name, widen(types.get(name) ?? 'empty', typeOfText(cells[i] ?? ''))),
      );
    }
  }
  return { file, format, rows, columns: names.map((name) => ({ name, type: types.get(name) ?? 'empty' })) };
}
