import type { ContractDocument } from '../document/load-contract.js';
import { resolveRefs } from '../document/resolve-refs.js';
import type { SchemaValidator } from '../document/schema-validator.js';
import { HTTP_METHODS } from '../openapi/operations.js';
import type { Report } from './finding.js';
import {
  isObj,
  lintExample,
  lintInfo,
  lintInlineExamples,
  lintRefs,
  lintSchemaCompiles,
} from './lint-common.js';

/**
 * OpenAPI 3.0/3.1 structure as far as a mock and a verifier rely on it, with every finding at
 * its line: paths and operations, responses, path parameters declared, unique operation ids,
 * schemas that compile, and examples that match their schemas.
 */
export function lintOpenApi(contract: ContractDocument, validator: SchemaValidator, report: Report): void {
  const root = contract.root;
  if (!/^3\.(0|1)\.\d+$/.test(contract.version)) {
    report(['openapi'], 'version', `OpenAPI ${contract.version} is not supported; use 3.0.x or 3.1.x`);
  }
  lintInfo(contract, report);
  lintRefs(contract, report);
  const resolve = (schema: unknown) => resolveRefs(schema, root);
  if (!isObj(root.paths) || Object.keys(root.paths).length === 0) {
    report(['paths'], 'paths', 'no paths: a REST contract needs at least one operation');
    return;
  }
  const ids = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(root.paths)) {
    if (!path.startsWith('/')) report(['paths', path], 'path', `path "${path}" must start with "/"`);
    if (!isObj(rawItem)) continue;
    const item = resolve(rawItem) as Record<string, unknown>;
    const templateParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const at = ['paths', path, method];
      if (typeof op.operationId === 'string') {
        const other = ids.get(op.operationId);
        if (other)
          report(
            [...at, 'operationId'],
            'operation-id',
            `operationId "${op.operationId}" is also used by ${other}`,
          );
        ids.set(op.operationId, `${method.toUpperCase()} ${path}`);
      }
      const params = [
        ...((item.parameters as unknown[]) ?? []),
        ...((op.parameters as unknown[]) ?? []),
      ].filter(isObj);
      for (const name of templateParams) {
        if (!params.some((p) => p.in === 'path' && p.name === name))
          report(at, 'path-parameter', `path parameter {${name}} is not declared with "in: path"`);
      }
      for (const p of params) {
        if (p.in === 'path' && typeof p.name === 'string' && !templateParams.includes(p.name))
          report(at, 'path-parameter', `parameter "${p.name}" is "in: path" but not in ${path}`);
      }
      lintParameterExamples(rawItem.parameters, ['paths', path, 'parameters'], validator, report, resolve);
      lintParameterExamples(
        (rawItem[method] as Record<string, unknown>)?.parameters,
        [...at, 'parameters'],
        validator,
        report,
        resolve,
      );
      if (!isObj(op.responses) || Object.keys(op.responses).length === 0) {
        report(at, 'responses', 'operation declares no responses');
      } else {
        for (const [status, response] of Object.entries(op.responses)) {
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status))
            report([...at, 'responses', status], 'responses', `"${status}" is not a status code`);
          lintContent(
            (response as Record<string, unknown>)?.content,
            [...at, 'responses', status, 'content'],
            validator,
            report,
            resolve,
          );
        }
      }
      if (isObj(op.requestBody))
        lintContent(op.requestBody.content, [...at, 'requestBody', 'content'], validator, report, resolve);
    }
  }
  const schemas = isObj(root.components) && isObj(root.components.schemas) ? root.components.schemas : {};
  for (const [name, raw] of Object.entries(schemas)) {
    const path = ['components', 'schemas', name];
    if (lintSchemaCompiles(resolve(raw), validator, path, report))
      lintInlineExamples(raw, resolve, validator, path, report);
  }
}

function lintContent(
  content: unknown,
  path: PropertyKey[],
  validator: SchemaValidator,
  report: Report,
  resolve: (schema: unknown) => unknown,
): void {
  if (!isObj(content)) return;
  for (const [type, media] of Object.entries(content)) {
    if (!isObj(media) || media.schema === undefined) continue;
    const schema = resolve(media.schema);
    if (!lintSchemaCompiles(schema, validator, [...path, type, 'schema'], report)) continue;
    if ('example' in media) lintExample(media.example, schema, validator, [...path, type, 'example'], report);
    if (isObj(media.examples))
      for (const [name, example] of Object.entries(media.examples)) {
        const value = resolve(example) as Record<string, unknown>;
        if (isObj(value) && 'value' in value)
          lintExample(value.value, schema, validator, [...path, type, 'examples', name, 'value'], report);
      }
  }
}

function lintParameterExamples(
  parameters: unknown,
  path: PropertyKey[],
  validator: SchemaValidator,
  report: Report,
  resolve: (schema: unknown) => unknown,
): void {
  if (!Array.isArray(parameters)) return;
  parameters.forEach((raw, i) => {
    const p = resolve(raw);
    if (!isObj(p) || !('example' in p) || p.schema === undefined) return;
    lintExample(p.example, p.schema, validator, [...path, i, 'example'], report);
  });
}
