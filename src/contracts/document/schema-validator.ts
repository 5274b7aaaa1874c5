import type { ErrorObject, ValidateFunction } from 'ajv';

/** One schema violation: where in the value, and what is wrong. */
export interface SchemaViolation {
  /** JSON pointer into the validated value, "" for the value itself. */
  pointer: string;
  message: string;
}

export type Validate = (value: unknown) => SchemaViolation[];

export interface SchemaValidator {
  /** Compiles a (ref-resolved) schema; throws with ajv's reason when the schema itself is invalid. */
  compile(schema: unknown): Validate;
}

/**
 * JSON Schema 2020-12 (OpenAPI 3.1, AsyncAPI 3 default) with formats; OpenAPI 3.0's `nullable`
 * is translated. ajv is imported here, lazily, so commands that never validate stay fast.
 * Not strict: contracts carry `example`, `x-unit` and other annotations ajv does not know.
 */
export async function createSchemaValidator(): Promise<SchemaValidator> {
  const [{ default: Ajv2020 }, { default: addFormats }] = await Promise.all([
    import('ajv/dist/2020.js'),
    import('ajv-formats'),
  ]);
  // CJS default interop: under NodeNext the constructor sits on .default.
  const AjvClass = ((Ajv2020 as unknown as { default?: unknown }).default ?? Ajv2020) as unknown as new (
    options: object,
  ) => import('ajv').default;
  const formats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as unknown as (
    ajv: import('ajv').default,
  ) => void;
  const ajv = new AjvClass({ strict: false, allErrors: true, validateFormats: true });
  formats(ajv);
  const cache = new WeakMap<object, ValidateFunction>();
  return {
    compile(schema) {
      const key = schema && typeof schema === 'object' ? schema : { schema };
      let validate = cache.get(key);
      if (!validate) {
        validate = ajv.compile(translateNullable(schema) as object) as ValidateFunction;
        cache.set(key, validate);
      }
      const compiled: ValidateFunction = validate;
      return (value) => (compiled(value) ? [] : (compiled.errors ?? []).map(toViolation));
    },
  };
}

function toViolation(error: ErrorObject): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') message = `missing required field "${String(params.missingProperty)}"`;
  else if (error.keyword === 'additionalProperties')
    message = `unexpected field "${String(params.additionalProperty)}"`;
  else if (error.keyword === 'enum') message = `must be one of ${JSON.stringify(params.allowedValues)}`;
  return { pointer: error.instancePath, message };
}

/** OpenAPI 3.0 `nullable: true` becomes a 2020-12 type union with "null". */
function translateNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(translateNullable);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, translateNullable(value)]),
  );
  if (nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/** "/items/0/qty" for messages; "(body)" for the whole value. */
export function describePointer(pointer: string, whole = 'body'): string {
  return pointer === '' ? `(${whole})` : pointer.slice(1).replaceAll('/', '.');
}
