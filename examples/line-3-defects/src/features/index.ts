import { useCase, type PredictInput } from '../usecase/index.js';

export { validateInput, toFieldErrors, ajv, type FieldError, type Validation } from './validate.js';
export type { Assembler, ScoredOutcome, SignalSpec, Telemetry, UseCase } from './types.js';
export { useCase, type PredictInput };

/**
 * The feature vector of one validated input. Serving, ingestion and `npm run build-features`
 * all call this one function. A non-finite feature (e.g. a window whose samples share one
 * timestamp) is reported rather than scored.
 */
export function featuresOf(
  input: PredictInput,
): { ok: true; values: number[] } | { ok: false; feature: string } {
  const values = useCase.computeFeatures(input);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return { ok: false, feature: useCase.featureNames[i] ?? String(i) };
  }
  return { ok: true, values };
}
