import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

import { UserError } from '../../core/errors.js';
import { allocate, elementCount, isSupportedType, type FeedData, type TensorType } from './feed.js';
import { toFloat16Bits } from './float16.js';
import type { InputMetadata } from './metadata.js';
import { parseNpy } from './npy.js';

type Nested = number | boolean | Nested[];

/**
 * Reads real input samples and checks them against the model's input metadata.
 * A file: JSON `{"input": nested array | {"dims": [...], "data": [...]}}`.
 * A directory: one `<input>.json` (nested array) or `<input>.npy` per model input.
 */
export async function loadInputs(
  path: string,
  metadata: readonly InputMetadata[],
  overrides: Map<string, number>,
): Promise<FeedData[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw bad(path, 'does not exist');
  const supplied = new Map<
    string,
    { dims: number[]; values?: Nested[]; array?: ReturnType<typeof parseNpy> }
  >();
  if (info.isDirectory()) {
    for (const entry of await readdir(path)) {
      const ext = extname(entry);
      if (ext !== '.json' && ext !== '.npy') continue;
      const file = join(path, entry);
      const name = basename(entry, ext);
      if (ext === '.npy') {
        try {
          const array = parseNpy(new Uint8Array(await readFile(file)));
          supplied.set(name, { dims: array.dims, array });
        } catch (error) {
          throw bad(file, (error as Error).message);
        }
      } else supplied.set(name, fromJson(file, await readJson(file)));
    }
  } else {
    const document = await readJson(path);
    if (!document || typeof document !== 'object' || Array.isArray(document)) {
      throw bad(path, 'must be a JSON object mapping each input name to its data');
    }
    for (const [name, value] of Object.entries(document))
      supplied.set(name, fromJson(`${path} ${name}`, value));
  }
  const names = new Set(metadata.map((input) => input.name));
  const unknown = [...supplied.keys()].filter((name) => !names.has(name));
  if (unknown.length > 0)
    throw bad(
      path,
      `names inputs the model does not have: ${unknown.join(', ')} (model inputs: ${[...names].join(', ')})`,
    );
  const feeds = metadata.map((input): FeedData => {
    const given = supplied.get(input.name);
    if (!given) throw bad(path, `has no data for model input "${input.name}"`);
    if (!input.isTensor || !isSupportedType(input.type)) {
      throw bad(
        path,
        `input "${input.name}" has a type poc bench cannot feed (${input.isTensor ? input.type : 'non-tensor'})`,
      );
    }
    checkShape(path, input.name, input.shape, given.dims, overrides);
    if (given.array) {
      if (given.array.type !== input.type) {
        throw bad(path, `input "${input.name}" is ${given.array.type} but the model expects ${input.type}`);
      }
      return { name: input.name, type: input.type, dims: given.dims, data: given.array.data };
    }
    return {
      name: input.name,
      type: input.type,
      dims: given.dims,
      data: toTyped(path, input.name, input.type, given.values ?? []),
    };
  });
  for (const feed of feeds) checkCount(path, feed);
  return feeds;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw bad(file, `is not readable JSON (${(error as Error).message})`);
  }
}

function fromJson(where: string, value: unknown): { dims: number[]; values: Nested[] } {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { dims, data } = value as { dims?: unknown; data?: unknown };
    if (!Array.isArray(dims) || !dims.every((d) => Number.isInteger(d) && d >= 0) || !Array.isArray(data)) {
      throw bad(where, 'must be a nested array or {"dims": [whole numbers], "data": [flat values]}');
    }
    return { dims: dims as number[], values: data as Nested[] };
  }
  if (!Array.isArray(value)) throw bad(where, 'must be a nested array or {"dims": [...], "data": [...]}');
  const dims: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    dims.push(level.length);
    level = level[0];
  }
  return { dims, values: (value as Nested[]).flat(Infinity as 1) as Nested[] };
}

function checkShape(
  where: string,
  name: string,
  expected: ReadonlyArray<number | string>,
  actual: number[],
  overrides: Map<string, number>,
): void {
  const mismatch = () =>
    bad(
      where,
      `input "${name}" has shape [${actual.join(', ')}] but the model expects [${expected.join(', ')}]`,
    );
  if (expected.length !== actual.length) throw mismatch();
  expected.forEach((dim, axis) => {
    const want =
      typeof dim === 'number' && dim >= 0 ? dim : typeof dim === 'string' ? overrides.get(dim) : undefined;
    if (want !== undefined && want !== actual[axis]) throw mismatch();
  });
}

function toTyped(where: string, name: string, type: TensorType, values: Nested[]) {
  const data = allocate(type, values.length);
  values.forEach((value, i) => {
    const number = typeof value === 'boolean' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      throw bad(where, `input "${name}" holds a non-numeric value at element ${i}`);
    }
    if (type === 'int64' || type === 'uint64') {
      if (!Number.isInteger(number))
        throw bad(where, `input "${name}" is ${type} but element ${i} is ${number}`);
      (data as BigInt64Array)[i] = BigInt(number);
    } else if (type === 'float16') (data as Uint16Array)[i] = toFloat16Bits(number);
    else (data as Float64Array)[i] = number;
  });
  return data;
}

/** The element count must match the shape (a {dims, data} pair or a ragged nested array may not). */
function checkCount(where: string, feed: FeedData): void {
  if (feed.data.length !== elementCount(feed.dims)) {
    throw bad(
      where,
      `input "${feed.name}" holds ${feed.data.length} values but its shape [${feed.dims.join(', ')}] needs ${elementCount(feed.dims)}`,
    );
  }
}

function bad(where: string, what: string): UserError {
  return new UserError(`Inputs ${where} ${what}.`, {
    code: 'INPUTS_INVALID',
    hint: 'Supply one array per model input matching its element type and shape, or leave out --inputs to generate them.',
  });
}
