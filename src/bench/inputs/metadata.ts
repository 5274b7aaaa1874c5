/** What onnxruntime says about one model input (InferenceSession.inputMetadata). */
export type InputMetadata =
  | { name: string; isTensor: false }
  | { name: string; isTensor: true; type: string; shape: ReadonlyArray<number | string> };
