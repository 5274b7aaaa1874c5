import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { useCase, type PredictInput } from '../usecase/index.js';

/** ajv-formats is CommonJS; under NodeNext its default export arrives wrapped. */
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * One validator for every path into the model (API, ingestion, training-table build).
 * strictNumbers rejects NaN and Infinity (`1e999` parses to Infinity in JSON.parse);
 * no coercion and no silent removal, so what is validated is exactly what is scored.
 */
export const ajv = addFormats(new Ajv({ allErrors: true, strictNumbers: true, coerceTypes: false }));

const validateRequest = ajv.compile<PredictInput>(useCase.requestSchema);

export interface FieldError {
  /** JSON pointer of the offending field, e.g. `/measurements/widthMm`. */
  field: string;
  message: string;
}

export type Validation = { ok: true; input: PredictInput } | { ok: false; errors: FieldError[] };

export function validateInput(body: unknown): Validation {
  if (validateRequest(body)) return { ok: true, input: body };
  return { ok: false, errors: toFieldErrors(validateRequest.errors ?? []) };
}

export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  return errors.map((error) => {
    const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
    const extra =
      error.keyword === 'additionalProperties' ? `/${String(error.params.additionalProperty)}` : '';
    return {
      field: `${error.instancePath}${missing}${extra}` || '/',
      message: error.message ?? error.keyword,
    };
  });
}
