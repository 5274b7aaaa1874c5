import type { Random } from '../random.js';
import { sampleFromPattern } from './pattern-sample.js';

type Schema = Record<string, unknown>;

export interface SampleOptions {
  random: Random;
  /** Date-times are drawn around this instant, so a seeded run is reproducible. */
  now?: number;
  /** Prefer the contract's examples (true for responses; false to vary generated data). */
  preferExamples?: boolean;
}

/**
 * A value valid against a (ref-resolved) JSON schema that looks like plant data: examples
 * first, then ids that match their patterns, numbers inside their bounds (and near the middle,
 * not at 22765937), real-looking timestamps, and every declared property filled in.
 */
export function sampleFromSchema(schema: unknown, options: SampleOptions, name = '', depth = 0): unknown {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as Schema;
  const prefer = options.preferExamples ?? true;
  if ('const' in s) return s.const;
  if (prefer && 'example' in s) return s.example;
  if (prefer && Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (Array.isArray(s.enum) && s.enum.length > 0) return options.random.pick(s.enum);
  if (prefer && 'default' in s) return s.default;
  if (Array.isArray(s.allOf)) return sampleFromSchema(mergeAll(s.allOf as Schema[], s), options, name, depth);
  const choice = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (Array.isArray(choice) && choice.length > 0) return sampleFromSchema(choice[0], options, name, depth);
  const type = pickType(s);
  switch (type) {
    case 'object':
      return depth > 8 ? {} : sampleObject(s, options, depth);
    case 'array':
      return depth > 8 ? [] : sampleArray(s, options, name, depth);
    case 'integer':
      return Math.round(sampleNumber(s, options.random, name, true));
    case 'number':
      return sampleNumber(s, options.random, name, false);
    case 'boolean':
      return options.random.chance(0.5);
    case 'null':
      return null;
    default:
      return sampleString(s, options, name);
  }
}

function pickType(s: Schema): string {
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (typeof type === 'string') return type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  if ('minimum' in s || 'maximum' in s) return 'number';
  return 'string';
}

function mergeAll(parts: Schema[], outer: Schema): Schema {
  const merged: Schema = { ...outer, allOf: undefined };
  for (const part of parts) {
    Object.assign(merged, part, {
      properties: { ...(merged.properties as object), ...(part.properties as object) },
      required: [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])],
    });
  }
  return merged;
}

function sampleObject(s: Schema, options: SampleOptions, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  for (const [key, property] of Object.entries(properties)) {
    out[key] = sampleFromSchema(property, options, key, depth + 1);
  }
  return out;
}

function sampleArray(s: Schema, options: SampleOptions, name: string, depth: number): unknown[] {
  const min = typeof s.minItems === 'number' ? s.minItems : 0;
  const max = typeof s.maxItems === 'number' ? s.maxItems : Math.max(min, 3);
  const count = Math.min(max, Math.max(min, 2));
  const items = Array.from({ length: count }, () => sampleFromSchema(s.items, options, name, depth + 1));
  if (s.uniqueItems === true) return [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
  return items;
}

/** Bounds first; without bounds, the field's name suggests a plausible range. */
function sampleNumber(s: Schema, random: Random, name: string, integer: boolean): number {
  let min = num(s.minimum) ?? (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! : undefined);
  let max = num(s.maximum) ?? (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! : undefined);
  if (min === undefined && max === undefined) [min, max] = guessRange(name);
  else if (min === undefined) min = Math.min(0, max! - 100);
  else if (max === undefined) max = min + Math.max(100, Math.abs(min));
  const lo = min!;
  const hi = max!;
  const exclusiveLo = num(s.exclusiveMinimum) !== undefined;
  const exclusiveHi = num(s.exclusiveMaximum) !== undefined;
  // Stay in the middle 60% of the range: plausible, and never on an exclusive bound.
  let value = lo + (hi - lo) * (0.2 + 0.6 * random.next());
  const step = num(s.multipleOf);
  if (step) value = Math.round(value / step) * step;
  if (integer) {
    value = Math.round(value);
    if (exclusiveLo && value <= lo) value = Math.floor(lo) + 1;
    if (exclusiveHi && value >= hi) value = Math.ceil(hi) - 1;
    return value;
  }
  return step ? Number(value.toFixed(10)) : Math.round(value * 100) / 100;
}

function guessRange(name: string): [number, number] {
  const lower = name.toLowerCase();
  if (/(ratio|share|rate|probability|confidence|score|yield)$/.test(lower)) return [0, 1];
  if (/(percent|pct)/.test(lower)) return [0, 100];
  if (/(qty|quantity|count|amount)/.test(lower)) return [1, 500];
  if (/temp/.test(lower)) return [15, 90];
  return [1, 1000];
}

const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

function sampleString(s: Schema, options: SampleOptions, name: string): string {
  const { random } = options;
  const now = options.now ?? Date.UTC(2026, 0, 15, 8, 0, 0);
  const instant = () => new Date(now - random.int(0, 7 * 24 * 3600) * 1000);
  switch (s.format) {
    case 'date-time':
      return instant()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
    case 'date':
      return instant().toISOString().slice(0, 10);
    case 'time':
      return instant().toISOString().slice(11, 19) + 'Z';
    case 'uuid':
      return [8, 4, 4, 4, 12]
        .map((length, i) =>
          Array.from({ length }, (_, j) =>
            i === 2 && j === 0 ? '4' : i === 3 && j === 0 ? '8' : random.pick('0123456789abcdef'),
          ).join(''),
        )
        .join('-');
    case 'email':
      return `${random.pick(['amal', 'omar', 'lina', 'yusuf'])}.${random.int(1, 99)}@plant.example`;
    case 'uri':
    case 'url':
      return `https://plant.example/${name || 'resource'}/${random.int(1, 9999)}`;
    case 'hostname':
      return `host-${random.int(1, 99)}.plant.example`;
    case 'ipv4':
      return `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
  }
  if (typeof s.pattern === 'string') {
    const sampled = sampleFromPattern(s.pattern, random);
    if (sampled !== undefined) return fitLength(sampled, s);
  }
  return fitLength(wordFor(name, random), s);
}

function wordFor(name: string, random: Random): string {
  const lower = name.toLowerCase();
  if (/id$/.test(lower))
    return `${name.replace(/id$/i, '').toUpperCase() || 'ID'}-${random.int(100000, 999999)}`;
  if (/(line|station|cell)/.test(lower)) return `line-${random.int(1, 9)}`;
  if (/(machine|asset|equipment)/.test(lower)) return `press-${random.int(1, 20)}`;
  if (/(operator|user|name)/.test(lower)) return random.pick(['Amal Haddad', 'Omar Saleh', 'Lina Aziz']);
  if (/(sku|material|part|product)/.test(lower)) return `MAT-${random.int(10000, 99999)}`;
  if (/(unit|uom)/.test(lower)) return random.pick(['pcs', 'kg', 'm']);
  if (/(status|state)/.test(lower)) return random.pick(['planned', 'running', 'done']);
  if (/(tag)/.test(lower)) return `L3.PRESS${random.int(1, 9)}.TEMP`;
  return `${name || 'value'}-${random.int(1, 999)}`;
}

function fitLength(value: string, s: Schema): string {
  const min = num(s.minLength) ?? 0;
  const max = num(s.maxLength) ?? Infinity;
  let out = value;
  while (out.length < min) out += 'x';
  return out.slice(0, max);
}
