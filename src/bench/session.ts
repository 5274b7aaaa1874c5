import { EnvironmentError, UserError } from '../core/errors.js';
import type { ModelFile } from './model-file.js';
import type { Ort } from './ort.js';
import { toOrtSessionOptions, type SessionProfile } from './session-options.js';

export type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

/** Execution providers onnxruntime-node knows by name (onnxruntime-common SessionOptions). */
const KNOWN_PROVIDERS = [
  'cpu',
  'cuda',
  'tensorrt',
  'dml',
  'webgpu',
  'coreml',
  'qnn',
  'webnn',
  'wasm',
  'xnnpack',
];

/**
 * Refuses execution providers this onnxruntime build cannot use before onnxruntime tries to
 * load them: an unknown name is bad input, a known one missing from the build is the environment.
 */
export function checkProviders(ort: Ort, providers: readonly string[]): void {
  const available = ort
    .listSupportedBackends()
    .filter((backend) => backend.bundled)
    .map((backend) => backend.name);
  for (const provider of providers) {
    if (!KNOWN_PROVIDERS.includes(provider)) {
      throw new UserError(`Execution provider "${provider}" is unknown.`, {
        code: 'PROFILE_INVALID',
        hint: `Use one of ${KNOWN_PROVIDERS.join(', ')} (this build has ${available.join(', ')}).`,
      });
    }
    if (!available.includes(provider)) {
      throw new EnvironmentError(`Execution provider "${provider}" is not in this onnxruntime-node build.`, {
        code: 'PROVIDER_UNAVAILABLE',
        hint: `This build has ${available.join(', ')}; install a build with ${provider} or bench with --execution-provider cpu.`,
      });
    }
  }
}

/** Opens an inference session, turning onnxruntime's load errors into a bad-input error. */
export async function openSession(ort: Ort, model: ModelFile, profile: SessionProfile): Promise<Session> {
  checkProviders(ort, profile.executionProviders);
  try {
    return await ort.InferenceSession.create(model.bytes, toOrtSessionOptions(profile));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const accelerators = profile.executionProviders.filter((provider) => provider !== 'cpu');
    if (
      accelerators.length > 0 &&
      /provider|adapter|device|driver|webgpu|cuda|tensorrt|vulkan/i.test(reason)
    ) {
      // The build has the provider, but this machine cannot run it (no GPU, no driver).
      throw new EnvironmentError(
        `Execution provider ${accelerators.join(', ')} cannot start here: ${firstLine(reason)}`,
        {
          code: 'PROVIDER_UNAVAILABLE',
          hint: 'Bench on a machine with that device and driver, or with --execution-provider cpu.',
          cause: error,
        },
      );
    }
    throw new UserError(`Model ${model.display} cannot be loaded by onnxruntime: ${firstLine(reason)}`, {
      code: 'MODEL_INVALID',
      hint: 'Check that the file is a complete ONNX model (not truncated, not another format) and re-export it.',
      cause: error,
    });
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 300) ?? text;
}
