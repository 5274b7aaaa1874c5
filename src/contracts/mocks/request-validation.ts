import type { Operation, Parameter } from '../openapi/operations.js';
import { describePointer, type SchemaValidator } from '../document/schema-validator.js';

export interface RequestProblem {
  in: 'path' | 'query' | 'header' | 'body';
  name: string;
  message: string;
}

export interface IncomingRequest {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text; undefined when empty. */
  body?: string;
  contentType?: string;
}

/**
 * Checks a request against its operation: parameters (strings coerced to their schema type
 * first, as a server framework would) and the JSON body. Returns every problem, not the first.
 */
export function validateRequest(
  operation: Operation,
  request: IncomingRequest,
  validator: SchemaValidator,
): { problems: RequestProblem[]; body?: unknown } {
  const problems: RequestProblem[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'cookie') continue;
    const raw = rawParameter(parameter, request);
    if (raw === undefined) {
      if (parameter.required)
        problems.push({ in: parameter.in, name: parameter.name, message: 'is required' });
      continue;
    }
    const value = coerce(raw, parameter.schema);
    for (const violation of validator.compile(parameter.schema)(value)) {
      problems.push({
        in: parameter.in,
        name: parameter.name,
        message: `${JSON.stringify(raw)} ${violation.message}`,
      });
    }
  }
  let body: unknown;
  const spec = operation.requestBody;
  if (spec) {
    if (request.body === undefined || request.body.trim() === '') {
      if (spec.required) problems.push({ in: 'body', name: '(body)', message: 'a JSON body is required' });
    } else if (request.contentType && !/json/i.test(request.contentType)) {
      problems.push({
        in: 'body',
        name: '(body)',
        message: `content type ${request.contentType} is not JSON`,
      });
    } else {
      try {
        body = JSON.parse(request.body);
      } catch (error) {
        problems.push({ in: 'body', name: '(body)', message: `not valid JSON: ${(error as Error).message}` });
      }
      if (body !== undefined && spec.schema) {
        for (const violation of validator.compile(spec.schema)(body)) {
          problems.push({ in: 'body', name: describePointer(violation.pointer), message: violation.message });
        }
      }
    }
  }
  return { problems, body };
}

function rawParameter(parameter: Parameter, request: IncomingRequest): string | undefined {
  if (parameter.in === 'path') return request.pathParams[parameter.name];
  if (parameter.in === 'query') return request.query.get(parameter.name) ?? undefined;
  const header = request.headers[parameter.name.toLowerCase()];
  return Array.isArray(header) ? header[0] : header;
}

/** "42" -> 42 for an integer parameter, "true" -> true for a boolean; otherwise unchanged. */
function coerce(raw: string, schema: unknown): unknown {
  const type = (schema as { type?: unknown } | undefined)?.type;
  const types = Array.isArray(type) ? type : [type];
  if (
    (types.includes('integer') || types.includes('number')) &&
    raw.trim() !== '' &&
    !Number.isNaN(Number(raw))
  )
    return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.includes('array')) return raw.split(',');
  return raw;
}
