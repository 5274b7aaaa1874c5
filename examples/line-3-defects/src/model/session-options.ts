import type { InferenceSession } from 'onnxruntime-node';
import type { SessionSettings } from '../config.js';

/**
 * poc.yaml's model.session to onnxruntime-node's SessionOptions, field for field, exactly as
 * `poc bench` maps them: bench numbers then predict production.
 */
export function toSessionOptions(settings: SessionSettings): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: settings.intraOpThreads,
    interOpNumThreads: settings.interOpThreads,
    graphOptimizationLevel: settings.graphOptimizationLevel,
    executionMode: settings.executionMode,
    enableCpuMemArena: settings.enableCpuMemArena,
    enableMemPattern: settings.enableMemPattern,
    executionProviders: settings.executionProviders,
  };
}
