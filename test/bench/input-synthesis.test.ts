import { describe, expect, it } from 'vitest';

import { PocError } from '../../src/core/errors.js';
import type { InputMetadata } from '../../src/bench/inputs/metadata.js';
import { parseShapeOverrides } from '../../src/bench/inputs/shapes.js';
import { synthesiseInputs } from '../../src/bench/inputs/synthesize.js';

const tensor = (name: string, type: string, shape: (number | string)[]): InputMetadata => ({
  name,
  isTensor: true,
  type,
  shape,
});
const none = new Map<string, number>();

describe('input synthesis', () => {
  it('generates each element type in the typed array onnxruntime expects, within its range', () => {
    const cases: [string, new (n: number) => ArrayLike<unknown>, (v: unknown) => boolean][] = [
      ['float32', Float32Array, (v) => typeof v === 'number' && v >= -1 && v < 1],
      ['float64', Float64Array, (v) => typeof v === 'number' && v >= -1 && v < 1],
      ['float16', Uint16Array, (v) => typeof v === 'number' && v >= 0 && v <= 0xffff],
      ['int8', Int8Array, (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 16],
      ['uint8', Uint8Array, (v) => Number.isInteger(v) && (v as number) < 16],
      ['int16', Int16Array, (v) => Number.isInteger(v) && (v as number) < 16],
      ['uint16', Uint16Array, (v) => Number.isInteger(v) && (v as number) < 16],
      ['int32', Int32Array, (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 16],
      ['uint32', Uint32Array, (v) => Number.isInteger(v) && (v as number) < 16],
      ['int64', BigInt64Array, (v) => typeof v === 'bigint' && v >= 0n && v < 16n],
      ['uint64', BigUint64Array, (v) => typeof v === 'bigint' && v < 16n],
      ['bool', Uint8Array, (v) => v === 0 || v === 1],
    ];
    for (const [type, ArrayType, valid] of cases) {
      const { feeds } = synthesiseInputs([tensor('x', type, [2, 50])], none, 7);
      const feed = feeds[0];
      expect(feed?.type, type).toBe(type);
      expect(feed?.data, type).toBeInstanceOf(ArrayType);
      expect(feed?.data.length, type).toBe(100);
      expect(Array.from(feed?.data as ArrayLike<unknown>).every(valid), type).toBe(true);
      // Not a constant fill: a benchmark on all-zero inputs can take fast paths real data never hits.
      expect(new Set(Array.from(feed?.data as ArrayLike<unknown>)).size, type).toBeGreaterThan(1);
    }
  });

  it('encodes float16 as IEEE half-precision bits', () => {
    const { feeds } = synthesiseInputs([tensor('h', 'float16', [1000])], none, 3);
    for (const bits of feeds[0]?.data as Uint16Array) {
      const exponent = (bits >> 10) & 0x1f;
      // |x| < 1: exponent below the bias of 15, and never infinity or NaN
      expect(exponent).toBeLessThan(15);
    }
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const meta = [tensor('x', 'float32', [64])];
    const a = synthesiseInputs(meta, none, 11).feeds[0]?.data;
    const b = synthesiseInputs(meta, none, 11).feeds[0]?.data;
    const c = synthesiseInputs(meta, none, 12).feeds[0]?.data;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('sets symbolic dimensions from --shape and defaults the rest to 1, reporting them', () => {
    const meta = [tensor('x', 'float32', ['batch', 'seq', 4]), tensor('y', 'int64', ['batch', -1])];
    const result = synthesiseInputs(meta, parseShapeOverrides(['batch=3']), 1);
    expect(result.feeds.map((feed) => feed.dims)).toEqual([
      [3, 1, 4],
      [3, 1],
    ]);
    expect(result.defaulted).toEqual(['seq', 'y[1]']);
  });

  it('refuses strings and non-tensor inputs with a bad-input error', () => {
    const refuse = (meta: InputMetadata[]) => {
      try {
        synthesiseInputs(meta, none, 1);
      } catch (error) {
        return error as PocError;
      }
      throw new Error('expected a refusal');
    };
    const text = refuse([tensor('text', 'string', [1])]);
    expect(text.exitCode).toBe(2);
    expect(text.message).toMatch(/"text".*string/);
    expect(text.hint).toMatch(/--inputs/);
    expect(refuse([{ name: 'seq', isTensor: false }]).message).toMatch(/"seq": it is not a tensor/);
  });

  it('rejects malformed --shape values', () => {
    for (const bad of ['batch', 'batch=0', 'batch=x', '=3'])
      expect(() => parseShapeOverrides([bad]), bad).toThrow(/NAME=SIZE/);
  });
});
