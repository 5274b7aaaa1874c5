import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { EnvironmentError } from '../core/errors.js';

export type Ort = typeof import('onnxruntime-node');

const require = createRequire(import.meta.url);

/** onnxruntime-node, imported only when a bench runs so `poc --help` stays fast. */
export async function loadOrt(): Promise<Ort> {
  try {
    const module = (await import('onnxruntime-node')) as Ort & { default?: Ort };
    return module.default ?? module;
  } catch (error) {
    throw new EnvironmentError('onnxruntime-node cannot be loaded.', {
      code: 'ORT_UNAVAILABLE',
      hint: 'Reinstall dependencies (npm ci); on this platform onnxruntime-node needs its bundled CPU build.',
      cause: error,
    });
  }
}

/** The entry file worker threads require, so they load the same onnxruntime build. */
export function ortEntry(): string {
  return require.resolve('onnxruntime-node');
}

export function ortVersion(): string {
  try {
    const entry = ortEntry();
    const manifest = join(dirname(entry), '..', 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
