import type { InputMetadata } from './inputs/metadata.js';
import { loadInputs } from './inputs/load-inputs.js';
import type { FeedData } from './inputs/feed.js';
import { synthesiseInputs } from './inputs/synthesize.js';
import type { ModelFile } from './model-file.js';
import type { Ort } from './ort.js';
import { openSession, type Session } from './session.js';
import type { SessionProfile } from './session-options.js';
import { UserError } from '../core/errors.js';

export interface InputPlan {
  /** --inputs file or directory; absent: synthesise. */
  path?: string;
  shapes: Map<string, number>;
  seed: number;
}

/** A model opened and fed, ready to run, with its cold-start costs measured. */
export interface PreparedModel {
  file: ModelFile;
  session: Session;
  feeds: FeedData[];
  defaultedDims: string[];
  run: () => Promise<unknown>;
  coldStart: { sessionCreateMs: number; firstInferenceMs: number };
}

/**
 * Cold start as a service sees it: session creation, then the first inference (which pays for
 * lazy allocations and kernel selection), each timed on its own.
 */
export async function prepareModel(
  ort: Ort,
  file: ModelFile,
  profile: SessionProfile,
  inputs: InputPlan,
): Promise<PreparedModel> {
  const createStart = performance.now();
  const session = await openSession(ort, file, profile);
  const sessionCreateMs = performance.now() - createStart;
  const metadata = session.inputMetadata as readonly InputMetadata[];
  let feeds: FeedData[];
  let defaultedDims: string[] = [];
  if (inputs.path) feeds = await loadInputs(inputs.path, metadata, inputs.shapes);
  else ({ feeds, defaulted: defaultedDims } = synthesiseInputs(metadata, inputs.shapes, inputs.seed));
  const tensors = Object.fromEntries(
    feeds.map((feed) => [feed.name, new ort.Tensor(feed.type, feed.data, feed.dims)]),
  );
  const run = () => session.run(tensors);
  const firstStart = performance.now();
  try {
    await run();
  } catch (error) {
    await session.release().catch(() => {});
    throw new UserError(
      `Model ${file.display} fails on its inputs: ${String((error as Error).message).split('\n')[0]}`,
      {
        code: inputs.path ? 'INPUTS_INVALID' : 'MODEL_INVALID',
        hint: inputs.path
          ? 'Check the supplied inputs against the model (names, element types, shapes).'
          : 'Set symbolic dimensions with --shape NAME=SIZE, or supply real inputs with --inputs.',
        cause: error,
      },
    );
  }
  const firstInferenceMs = performance.now() - firstStart;
  return {
    file,
    session,
    feeds,
    defaultedDims,
    run,
    coldStart: { sessionCreateMs: round3(sessionCreateMs), firstInferenceMs: round3(firstInferenceMs) },
  };
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
