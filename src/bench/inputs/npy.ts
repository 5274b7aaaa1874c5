import { allocate, type TensorType, type TypedData } from './feed.js';

const dtypes: Record<string, TensorType> = {
  '<f4': 'float32',
  '<f8': 'float64',
  '<f2': 'float16',
  '|i1': 'int8',
  '|u1': 'uint8',
  '<i2': 'int16',
  '<u2': 'uint16',
  '<i4': 'int32',
  '<u4': 'uint32',
  '<i8': 'int64',
  '<u8': 'uint64',
  '|b1': 'bool',
};

export interface NpyArray {
  type: TensorType;
  dims: number[];
  data: TypedData;
}

/** Parses a NumPy .npy file (format 1.x–3.x, little-endian, C order). Throws an Error saying why not. */
export function parseNpy(bytes: Uint8Array): NpyArray {
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  if (magic !== '\x93NUMPY') throw new Error('not a .npy file (bad magic bytes)');
  const major = bytes[6] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error('unreadable .npy header');
  const type = dtypes[descr];
  if (!type) throw new Error(`dtype ${descr} is not supported (use little-endian numeric or bool arrays)`);
  if (fortran === 'True')
    throw new Error('Fortran-ordered arrays are not supported (save with np.ascontiguousarray)');
  const dims = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const data = allocate(type, count);
  const start = headerStart + headerLength;
  const needed = count * data.BYTES_PER_ELEMENT;
  if (bytes.length - start < needed)
    throw new Error(`truncated: ${needed} data bytes expected, ${bytes.length - start} present`);
  new Uint8Array(data.buffer).set(bytes.subarray(start, start + needed));
  return { type, dims, data };
}
