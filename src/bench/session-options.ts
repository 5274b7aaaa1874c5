import { createHash } from 'node:crypto';

import type { InferenceSession } from 'onnxruntime-node';

import type { SessionOptions } from '../manifest/index.js';

/** The session profile: poc.yaml `model.session`, possibly overridden by flags. */
export type SessionProfile = SessionOptions;

/**
 * The one mapping from a session profile to onnxruntime-node SessionOptions. `poc bench` and the
 * generated serving app both use it, so the benchmark measures the session that will serve.
 */
export function toOrtSessionOptions(profile: SessionProfile): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: profile.intraOpThreads,
    interOpNumThreads: profile.interOpThreads,
    graphOptimizationLevel: profile.graphOptimizationLevel,
    executionMode: profile.executionMode,
    enableCpuMemArena: profile.enableCpuMemArena,
    enableMemPattern: profile.enableMemPattern,
    executionProviders: [...profile.executionProviders],
  };
}

/** A stable hash of the profile (keys sorted), recorded with every result. */
export function profileHash(profile: SessionProfile): string {
  const canonical = JSON.stringify(
    Object.fromEntries(Object.entries(profile).sort(([a], [b]) => a.localeCompare(b))),
  );
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
