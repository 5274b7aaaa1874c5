import { UserError } from '../../core/errors.js';
import { seededRandom } from '../stats/random.js';
import {
  allocate,
  elementCount,
  isSupportedType,
  tensorTypes,
  type FeedData,
  type TensorType,
} from './feed.js';
import { toFloat16Bits } from './float16.js';
import type { InputMetadata } from './metadata.js';
import { resolveShape } from './shapes.js';

export interface Synthesised {
  feeds: FeedData[];
  /** Symbolic dimensions that defaulted to 1 (the caller warns). */
  defaulted: string[];
}

/**
 * Generates one seeded input per model input from its metadata. Floats are uniform in [-1, 1),
 * integers in [0, 16) (small and non-negative, so index-like inputs such as token ids stay in
 * range), booleans 0/1. Strings and non-tensor inputs are refused: random text or sequences
 * would measure nothing the model does in production.
 */
export function synthesiseInputs(
  metadata: readonly InputMetadata[],
  overrides: Map<string, number>,
  seed: number,
): Synthesised {
  const random = seededRandom(seed);
  const defaulted: string[] = [];
  const feeds = metadata.map((input): FeedData => {
    if (!input.isTensor) {
      throw cannotSynthesise(input.name, 'it is not a tensor (a sequence, map or optional value)');
    }
    if (!isSupportedType(input.type)) {
      throw cannotSynthesise(
        input.name,
        `its element type ${input.type} is not one of ${tensorTypes.join(', ')}`,
      );
    }
    const shape = resolveShape(input.name, input.shape, overrides);
    defaulted.push(...shape.defaulted);
    return {
      name: input.name,
      type: input.type,
      dims: shape.dims,
      data: fill(input.type, elementCount(shape.dims), random),
    };
  });
  return { feeds, defaulted: [...new Set(defaulted)] };
}

function fill(type: TensorType, length: number, random: () => number) {
  const data = allocate(type, length);
  for (let i = 0; i < length; i++) {
    const u = random();
    switch (type) {
      case 'float32':
      case 'float64':
        data[i] = u * 2 - 1;
        break;
      case 'float16':
        data[i] = toFloat16Bits(u * 2 - 1);
        break;
      case 'bool':
        data[i] = u < 0.5 ? 0 : 1;
        break;
      case 'int64':
      case 'uint64':
        data[i] = BigInt(Math.floor(u * 16));
        break;
      default:
        data[i] = Math.floor(u * 16);
    }
  }
  return data;
}

function cannotSynthesise(name: string, why: string): UserError {
  return new UserError(`Cannot generate input "${name}": ${why}.`, {
    code: 'INPUTS_UNSUPPORTED',
    hint: 'Supply real samples with --inputs FILE.json or a directory of .json/.npy files.',
  });
}
