import type { ContractDocument } from '../document/load-contract.js';
import { sampleFromSchema } from '../document/sample-from-schema.js';
import { describePointer, type SchemaValidator } from '../document/schema-validator.js';
import { jsonMedia, listOperations, type Operation } from '../openapi/operations.js';
import { createRandom, hashSeed } from '../random.js';
import { unreachable } from './network-error.js';
import type { CheckResult } from './report.js';

export interface RestVerifyOptions {
  /** Base URL from poc.yaml for the environment. */
  endpoint: string;
  allowWrites: boolean;
  timeoutMs: number;
  seed: number;
  onProgress?: (text: string) => void;
}

const READ_ONLY = new Set(['get', 'head']);

/**
 * Calls each operation of the contract on the endpoint and checks the answer: declared status,
 * JSON content type, body valid against the response schema. Only GET and HEAD unless
 * allowWrites, because the endpoint may be a production MES. The first connection failure
 * aborts with exit 4; a server that answers badly gets findings instead.
 */
export async function verifyRest(
  contract: ContractDocument,
  validator: SchemaValidator,
  options: RestVerifyOptions,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const base = options.endpoint.replace(/\/+$/, '');
  const operations = listOperations(contract);
  let reached = false;
  for (const [index, operation] of operations.entries()) {
    const location = contract.problemAt(operation.location, operation.id);
    if (!READ_ONLY.has(operation.method) && !options.allowWrites) {
      results.push({
        subject: operation.id,
        check: 'call',
        passed: false,
        skipped: true,
        details: [
          `${operation.method.toUpperCase()} ${operation.path} skipped: read-only (pass --allow-writes)`,
        ],
        location,
      });
      continue;
    }
    options.onProgress?.(`verifying ${index + 1}/${operations.length} ${operation.id}`);
    const random = createRandom(hashSeed(options.seed, operation.id));
    const request = buildRequest(operation, base, random);
    let response: Response;
    let text: string;
    try {
      response = await fetch(request.url, {
        method: operation.method.toUpperCase(),
        headers:
          request.body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'manual',
      });
      text = await response.text();
      reached = true;
    } catch (error) {
      if (!reached) throw unreachable(`${operation.method.toUpperCase()} ${operation.path}`, base, error);
      results.push({
        subject: operation.id,
        check: 'call',
        passed: false,
        details: [`${operation.method.toUpperCase()} ${request.url} failed: ${(error as Error).message}`],
        location,
      });
      continue;
    }
    results.push(...checkResponse(contract, operation, validator, request.url, response, text));
  }
  return results;
}

function buildRequest(operation: Operation, base: string, random: ReturnType<typeof createRandom>) {
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    const value = parameter.example ?? sampleFromSchema(parameter.schema, { random }, parameter.name);
    if (parameter.in === 'path')
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    else if (parameter.in === 'query' && parameter.required) query.set(parameter.name, String(value));
  }
  const search = query.size ? `?${query}` : '';
  const body = operation.requestBody?.schema
    ? sampleFromSchema(operation.requestBody.schema, { random })
    : undefined;
  return { url: `${base}${path}${search}`, body };
}

function checkResponse(
  contract: ContractDocument,
  operation: Operation,
  validator: SchemaValidator,
  url: string,
  response: Response,
  text: string,
): CheckResult[] {
  const method = operation.method.toUpperCase();
  const seen = `${method} ${url} -> ${response.status}`;
  const status = String(response.status);
  const declared =
    operation.responses.find((r) => r.status === status) ??
    operation.responses.find((r) => r.status.toUpperCase() === `${status[0]}XX`) ??
    operation.responses.find((r) => r.status === 'default');
  const statusResult: CheckResult = {
    subject: operation.id,
    check: 'status',
    passed: declared !== undefined && response.status < 500,
    details: [
      declared
        ? response.status >= 500
          ? `${seen}: server error`
          : seen
        : `${seen}: status ${status} is not declared (declared: ${operation.responses.map((r) => r.status).join(', ')})`,
    ],
    location: contract.problemAt([...operation.location, 'responses'], 'responses'),
  };
  if (!declared || method === 'HEAD' || !declared.schema) return [statusResult];
  const schemaPath = [...operation.location, 'responses', declared.status, 'content'];
  const contentType = response.headers.get('content-type') ?? '';
  const details: string[] = [];
  if (!jsonMedia({ [contentType.split(';')[0]?.trim() ?? '']: {} })) {
    details.push(`${seen}: content-type "${contentType}" is not JSON`);
  } else {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      details.push(`${seen}: body is not valid JSON`);
    }
    if (body !== undefined) {
      for (const violation of validator.compile(declared.schema)(body)) {
        details.push(`${describePointer(violation.pointer)}: ${violation.message}`);
      }
    }
  }
  return [
    statusResult,
    {
      subject: operation.id,
      check: 'schema',
      passed: details.length === 0,
      details: details.length ? details : [`${seen}: body matches the ${declared.status} schema`],
      location: contract.problemAt(schemaPath, 'response schema'),
    },
  ];
}
