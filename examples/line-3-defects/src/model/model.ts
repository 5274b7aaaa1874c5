import { readFile } from 'node:fs/promises';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { SessionSettings } from '../config.js';
import { toSessionOptions } from './session-options.js';

export interface Scores {
  /** One probability per class, in the use case's class order. */
  probabilities: number[];
}

/** The loaded model: one session for the process, fed one feature vector at a time. */
export interface Model {
  score(features: readonly number[]): Promise<Scores>;
  close(): Promise<void>;
}

export class ModelLoadError extends Error {}

/**
 * Load the ONNX model once with poc.yaml's session options, check it fits the feature module
 * (input width, class count) and warm it up, so the first real request pays no first-run cost.
 * Any problem is a ModelLoadError whose message says why the app is not ready.
 */
export async function loadModel(
  path: string,
  settings: SessionSettings,
  expected: { features: number; classes: number },
): Promise<Model> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelLoadError(
      code === 'ENOENT' ? `model file ${path} not found` : `cannot read model file ${path}: ${String(error)}`,
    );
  }
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, toSessionOptions(settings));
  } catch (error) {
    throw new ModelLoadError(
      `model file ${path} is not a loadable ONNX model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const input = session.inputNames[0];
  const output = session.outputNames[0];
  const width = shapeOf(session.inputMetadata[0])?.[1];
  const classes = shapeOf(session.outputMetadata[0])?.[1];
  if (!input || !output || width !== expected.features || classes !== expected.classes) {
    await session.release();
    throw new ModelLoadError(
      `model file ${path} does not fit the feature module: it takes ${String(width)} features and gives ${String(classes)} classes, ` +
        `the app computes ${expected.features} features for ${expected.classes} classes (retrain with npm run train)`,
    );
  }
  const score = async (features: readonly number[]): Promise<Scores> => {
    const tensor = new ort.Tensor('float32', Float32Array.from(features), [1, features.length]);
    const result = (await session.run({ [input]: tensor }))[output] as Tensor;
    return { probabilities: Array.from(result.data as Float32Array) };
  };
  // Warm-up: the first runs allocate arenas and pick kernels.
  for (let i = 0; i < 20; i++) await score(new Array<number>(expected.features).fill(0));
  return { score, close: () => session.release() };
}

function shapeOf(
  metadata: InferenceSession.ValueMetadata | undefined,
): ReadonlyArray<number | string> | undefined {
  return metadata && metadata.isTensor ? metadata.shape : undefined;
}
