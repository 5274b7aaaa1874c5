/** Input data for one model input, plain enough to send to worker threads. */
export interface FeedData {
  name: string;
  type: TensorType;
  dims: number[];
  data: TypedData;
}

export type TypedData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** The tensor element types poc bench can generate and check. */
export const tensorTypes = [
  'float32',
  'float64',
  'float16',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'bool',
] as const;
export type TensorType = (typeof tensorTypes)[number];

export function isSupportedType(type: string): type is TensorType {
  return (tensorTypes as readonly string[]).includes(type);
}

/** The typed array onnxruntime-node expects for each element type. */
export function allocate(type: TensorType, length: number): TypedData {
  switch (type) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'float16':
    case 'uint16':
      return new Uint16Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'uint8':
    case 'bool':
      return new Uint8Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'uint32':
      return new Uint32Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'uint64':
      return new BigUint64Array(length);
  }
}

export function elementCount(dims: number[]): number {
  return dims.reduce((product, dim) => product * dim, 1);
}
