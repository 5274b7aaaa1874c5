import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { UserError } from '../core/errors.js';
import { canonicalJson, contentDigest } from './digest.js';

export type Values = Record<string, unknown>;

const isMap = (value: unknown): value is Values =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * Helm's coalescing of values files: maps merge key by key, lists and scalars are replaced, and
 * a null deletes the key. Later files win, as with repeated `-f`.
 */
export function mergeValues(base: Values, overlay: Values): Values {
  const result: Values = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete result[key];
    else if (isMap(value) && isMap(result[key])) result[key] = mergeValues(result[key] as Values, value);
    else result[key] = value;
  }
  return result;
}

/** Reads a YAML values file; an empty file is an empty map. */
export async function readValuesFile(root: string, file: string): Promise<Values> {
  const { parse } = await import('yaml');
  let text: string;
  try {
    text = await readFile(join(root, file), 'utf8');
  } catch {
    throw new UserError(`Values file ${file} does not exist.`, {
      code: 'VALUES_MISSING',
      hint: 'Create it or fix the values list of the cluster in poc.yaml; "poc validate" lists every missing file.',
    });
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new UserError(`Values file ${file} is not valid YAML: ${(error as Error).message}`, {
      code: 'VALUES_INVALID',
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isMap(parsed))
    throw new UserError(`Values file ${file} must hold a map at the top level.`, { code: 'VALUES_INVALID' });
  return parsed;
}

/** The chart's values.yaml, then each file in order, then what the bundle pins (image, model). */
export async function renderValues(root: string, files: string[], pinned: Values): Promise<Values> {
  let merged: Values = {};
  for (const file of files) merged = mergeValues(merged, await readValuesFile(root, file));
  return mergeValues(merged, pinned);
}

export const valuesHash = (values: Values): string => contentDigest(values);

export interface ValueChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (isMap(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) out.set(prefix, canonicalJson(value));
}

/** Keys whose values are shown as `<redacted>` in plans: secrets never reach output (DESIGN.md). */
const SECRET_KEY = /(password|passwd|secret|token|api[-_]?key|private[-_]?key|credentials?)$/i;
const REDACTED = '<redacted>';

/**
 * Leaf-by-leaf changes from `before` to `after`, sorted by path. Values under secret-looking keys
 * are compared but shown redacted.
 */
export function diffValues(before: Values | undefined, after: Values): ValueChange[] {
  const old = new Map<string, string>();
  const now = new Map<string, string>();
  flatten(before ?? {}, '', old);
  flatten(after, '', now);
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  return paths.flatMap((path) => {
    const a = old.get(path);
    const b = now.get(path);
    if (a === b) return [];
    const secret = path.split('.').some((key) => SECRET_KEY.test(key));
    const show = (text: string | undefined) =>
      text === undefined ? undefined : secret ? REDACTED : (JSON.parse(text) as unknown);
    return [
      {
        path,
        ...(a === undefined ? {} : { before: show(a) }),
        ...(b === undefined ? {} : { after: show(b) }),
      },
    ];
  });
}
