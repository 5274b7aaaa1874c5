import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

import { UserError } from '../core/errors.js';

export interface ModelFile {
  path: string;
  /** The path as the user gave it, for messages. */
  display: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Reads a model file, refusing what cannot be a model before onnxruntime sees it. */
export async function readModelFile(path: string, display = path): Promise<ModelFile> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new UserError(`Model ${display} does not exist.`, {
      code: 'MODEL_MISSING',
      hint: 'Pass the path of an .onnx file, or set model.path in poc.yaml.',
    });
  }
  if (!info.isFile()) {
    throw new UserError(`Model ${display} is not a file.`, {
      code: 'MODEL_INVALID',
      hint: 'Pass the path of an .onnx file.',
    });
  }
  const bytes = new Uint8Array(await readFile(path));
  if (bytes.length === 0) {
    throw new UserError(`Model ${display} is empty.`, {
      code: 'MODEL_INVALID',
      hint: 'Export the model again.',
    });
  }
  return { path, display, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
