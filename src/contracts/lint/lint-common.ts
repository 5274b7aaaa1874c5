import type { ContractDocument } from '../document/load-contract.js';
import { refTarget } from '../document/resolve-refs.js';
import type { SchemaValidator } from '../document/schema-validator.js';
import { describePointer } from '../document/schema-validator.js';
import type { Report } from './finding.js';

type Obj = Record<string, unknown>;
export const isObj = (value: unknown): value is Obj =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** Every $ref resolves inside the file (contracts are single, bundled documents). */
export function lintRefs(contract: ContractDocument, report: Report): void {
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (isObj(node)) {
      if (typeof node.$ref === 'string') {
        if (!node.$ref.startsWith('#/')) {
          report(
            [...path, '$ref'],
            'ref-external',
            `external $ref "${node.$ref}": bundle the contract into one file`,
          );
        } else if (refTarget(node.$ref, contract.root) === undefined) {
          report([...path, '$ref'], 'ref-missing', `$ref "${node.$ref}" points at nothing in this document`);
        }
      }
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(contract.root, []);
}

export function lintInfo(contract: ContractDocument, report: Report): void {
  const info = contract.root.info;
  if (!isObj(info)) return report(['info'], 'info', 'missing "info" with title and version');
  if (typeof info.title !== 'string' || !info.title) report(['info'], 'info', 'info.title is required');
  if (info.version === undefined) report(['info'], 'info', 'info.version is required');
}

/** Compiles a schema; reports why ajv rejects it. Returns whether it compiled. */
export function lintSchemaCompiles(
  schema: unknown,
  validator: SchemaValidator,
  path: PropertyKey[],
  report: Report,
): boolean {
  try {
    validator.compile(schema);
    return true;
  } catch (error) {
    report(path, 'schema-invalid', `schema does not compile: ${(error as Error).message}`);
    return false;
  }
}

/** An example must validate against the schema it illustrates. */
export function lintExample(
  example: unknown,
  schema: unknown,
  validator: SchemaValidator,
  path: PropertyKey[],
  report: Report,
): void {
  let violations;
  try {
    violations = validator.compile(schema)(example);
  } catch {
    return; // reported by lintSchemaCompiles
  }
  for (const violation of violations.slice(0, 5)) {
    report(
      path,
      'example-invalid',
      `example ${describePointer(violation.pointer, 'value')}: ${violation.message}`,
    );
  }
}

/** Walks a raw (unresolved) schema and checks every property-level `example` against its own schema. */
export function lintInlineExamples(
  raw: unknown,
  resolve: (schema: unknown) => unknown,
  validator: SchemaValidator,
  path: PropertyKey[],
  report: Report,
): void {
  if (!isObj(raw)) return;
  if ('example' in raw && !('$ref' in raw))
    lintExample(raw.example, resolve(raw), validator, [...path, 'example'], report);
  if (isObj(raw.properties))
    for (const [key, value] of Object.entries(raw.properties))
      lintInlineExamples(value, resolve, validator, [...path, 'properties', key], report);
  if (isObj(raw.items)) lintInlineExamples(raw.items, resolve, validator, [...path, 'items'], report);
  for (const keyword of ['allOf', 'oneOf', 'anyOf'])
    if (Array.isArray(raw[keyword]))
      (raw[keyword] as unknown[]).forEach((part, i) =>
        lintInlineExamples(part, resolve, validator, [...path, keyword, i], report),
      );
}
