import { describe, expect, it } from 'vitest';

import { parseNpy } from '../../src/bench/inputs/npy.js';
import { npy } from './support/npy.js';

describe('.npy inputs', () => {
  it('reads little-endian arrays of each supported dtype with their shape', () => {
    const f32 = parseNpy(npy('<f4', [2, 3], Float32Array.from([1, 2, 3, 4, 5, 6])));
    expect(f32).toMatchObject({ type: 'float32', dims: [2, 3] });
    expect(Array.from(f32.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    const i64 = parseNpy(npy('<i8', [3], BigInt64Array.from([1n, -2n, 3n])));
    expect(i64.type).toBe('int64');
    expect(Array.from(i64.data as BigInt64Array)).toEqual([1n, -2n, 3n]);
    expect(parseNpy(npy('|b1', [4], Uint8Array.from([1, 0, 1, 1]))).type).toBe('bool');
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => parseNpy(new TextEncoder().encode('not numpy'))).toThrow(/not a \.npy file/);
    expect(() => parseNpy(npy('>f4', [2], new Float32Array(2)))).toThrow(/dtype >f4 is not supported/);
    const whole = npy('<f4', [4], new Float32Array(4));
    expect(() => parseNpy(whole.subarray(0, whole.length - 4))).toThrow(/truncated/);
    const fortran = new TextDecoder('latin1')
      .decode(npy('<f4', [2, 2], new Float32Array(4)))
      .replace('False', 'True ');
    expect(() => parseNpy(Uint8Array.from(fortran, (c) => c.charCodeAt(0)))).toThrow(/Fortran/);
  });
});
