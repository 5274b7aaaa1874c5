import type { ContractDocument } from '../document/load-contract.js';
import { sampleFromSchema } from '../document/sample-from-schema.js';
import type { SchemaValidator } from '../document/schema-validator.js';
import { basePath, listOperations, pathMatcher, type Operation } from '../openapi/operations.js';
import { createRandom, hashSeed, type Random } from '../random.js';
import { validateRequest, type IncomingRequest } from './request-validation.js';
import { ResourceStore } from './resource-store.js';

export interface MockRequest {
  method: string;
  /** Path with query, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: string;
}

export interface MockResponse {
  status: number;
  body?: unknown;
}

export interface RestResponderOptions {
  seed: number;
  /** Probability in [0, 1] that a request gets a 500 (fault injection). */
  errorRate: number;
}

type Route = {
  operation: Operation;
  match: (path: string) => Record<string, string> | undefined;
  params: number;
};

/**
 * The REST mock's behaviour, without the socket: route, validate, answer from examples or
 * realistic generated data, remember what was written. Pure enough to test without a server.
 */
export function createRestResponder(
  contract: ContractDocument,
  validator: SchemaValidator,
  options: RestResponderOptions,
): (request: MockRequest) => MockResponse {
  const base = basePath(contract);
  const routes: Route[] = listOperations(contract)
    .map((operation) => ({
      operation,
      match: pathMatcher(operation.path),
      params: (operation.path.match(/\{/g) ?? []).length,
    }))
    // /workorders/summary before /workorders/{id}
    .sort((a, b) => a.params - b.params);
  const store = new ResourceStore();
  const faults = createRandom(hashSeed(options.seed, 'faults'));
  let created = 0;

  return (request) => {
    const url = new URL(request.url, 'http://mock');
    let path = url.pathname;
    if (base && (path === base || path.startsWith(`${base}/`))) path = path.slice(base.length) || '/';
    const method = request.method.toLowerCase();
    const candidates = routes.flatMap((route) => {
      const params = route.match(path);
      return params ? [{ route, params }] : [];
    });
    if (candidates.length === 0) {
      return {
        status: 404,
        body: { error: 'not found', message: `no path of ${contract.file} matches ${path}` },
      };
    }
    const found =
      candidates.find((c) => c.route.operation.method === method) ??
      (method === 'head' ? candidates.find((c) => c.route.operation.method === 'get') : undefined);
    if (!found) {
      const allowed = [...new Set(candidates.map((c) => c.route.operation.method.toUpperCase()))];
      return { status: 405, body: { error: 'method not allowed', allowed } };
    }
    const { operation } = found.route;
    const incoming: IncomingRequest = {
      pathParams: found.params,
      query: url.searchParams,
      headers: request.headers,
      body: request.body,
      contentType: header(request.headers, 'content-type'),
    };
    const { problems, body } = validateRequest(operation, incoming, validator);
    if (problems.length > 0) {
      return { status: 400, body: { error: 'invalid request', operation: operation.id, problems } };
    }
    if (options.errorRate > 0 && faults.chance(options.errorRate)) {
      return { status: 500, body: { error: 'injected fault', message: 'poc mock --error-rate' } };
    }
    const success = successResponse(operation);
    const random = createRandom(hashSeed(options.seed, method, url.pathname, url.search));
    const generate = (preferExamples = true): unknown =>
      success?.hasExample && preferExamples
        ? structuredClone(success.example)
        : success?.schema
          ? sampleFromSchema(success.schema, { random, preferExamples })
          : undefined;
    const status = Number(success?.status ?? (method === 'post' ? 201 : 200)) || 200;
    const collection = collectionOf(operation.path, found.params, path);

    if (method === 'post') {
      const record = asObject(generate(false));
      // Echo what the client sent, as far as the response schema has room for it.
      const declared = collectProperties(success?.schema);
      const open = Object.keys(declared).length === 0;
      if (isObject(body))
        for (const [key, value] of Object.entries(body)) if (open || key in declared) record[key] = value;
      const idField = idFieldOf(success?.schema);
      if (idField) {
        const given = isObject(body) ? body[idField] : undefined;
        // A client-chosen id is an idempotency key: the same POST twice returns what is stored.
        if (given !== undefined && store.has(path, String(given)))
          return { status: 200, body: store.get(path, String(given)) };
        created += 1;
        record[idField] =
          given ?? uniqueId(success?.schema, idField, random, (id) => store.has(path, id), created);
        store.put(path, String(record[idField]), record);
      }
      return { status, body: record };
    }
    if (collection) {
      const { collectionPath, id } = collection;
      if (method === 'delete') {
        store.remove(collectionPath, id);
        return { status: Number(success?.status) || 204 };
      }
      if (store.isDeleted(collectionPath, id)) return { status: 404, body: { error: 'not found', id } };
      const stored = store.get(collectionPath, id);
      if (method === 'put' || method === 'patch') {
        const next = { ...(stored ?? asObject(generate())), ...(isObject(body) ? body : {}) };
        store.put(collectionPath, id, next);
        return { status, body: next };
      }
      if (stored) return { status, body: stored };
    }
    let answer = generate();
    if (method === 'get' && Array.isArray(answer)) {
      answer = filterByQuery([...store.list(path), ...answer], url.searchParams, operation);
    }
    answer = withPathParams(answer, found.params);
    return { status, body: method === 'head' ? undefined : answer };
  };
}

/** The first 2xx response, else the first declared. */
function successResponse(operation: Operation) {
  return (
    operation.responses.find((r) => /^2\d\d$/.test(r.status)) ??
    operation.responses.find((r) => r.status === '2XX') ??
    operation.responses[0]
  );
}

/** /workorders/{id} with id=WO-1 -> collection /workorders, item WO-1 (the last path segment). */
function collectionOf(template: string, params: Record<string, string>, path: string) {
  const match = /\/\{([^}]+)\}$/.exec(template);
  if (!match) return undefined;
  const id = params[match[1] as string];
  if (id === undefined) return undefined;
  return { collectionPath: path.slice(0, path.length - encodeURIComponent(id).length - 1), id };
}

function idFieldOf(schema: unknown): string | undefined {
  const properties = collectProperties(schema);
  if ('id' in properties) return 'id';
  return Object.keys(properties).find((key) => /Id$/.test(key));
}

function collectProperties(schema: unknown): Record<string, unknown> {
  if (!isObject(schema)) return {};
  const own = isObject(schema.properties) ? schema.properties : {};
  const parts = Array.isArray(schema.allOf) ? schema.allOf.map(collectProperties) : [];
  return Object.assign({}, ...parts, own);
}

function uniqueId(
  schema: unknown,
  field: string,
  random: Random,
  taken: (id: string) => boolean,
  counter: number,
): unknown {
  const property = collectProperties(schema)[field];
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = sampleFromSchema(property, { random, preferExamples: false }, field);
    if (!taken(String(candidate))) return candidate;
  }
  return `${field}-${counter}`;
}

/** ?status=running keeps the items whose status is running. */
function filterByQuery(items: unknown[], query: URLSearchParams, operation: Operation): unknown[] {
  const filters = operation.parameters.filter(
    (p) => p.in === 'query' && query.has(p.name) && items.some((item) => isObject(item) && p.name in item),
  );
  const limit = Number(query.get('limit'));
  const kept = items.filter((item) =>
    filters.every((p) => !isObject(item) || String(item[p.name]) === query.get(p.name)),
  );
  return Number.isInteger(limit) && limit > 0 ? kept.slice(0, limit) : kept;
}

/** GET /workorders/WO-000007 answers with id WO-000007 even when the example says WO-000042. */
function withPathParams(answer: unknown, params: Record<string, string>): unknown {
  if (!isObject(answer)) return answer;
  const out = { ...answer };
  for (const [name, value] of Object.entries(params)) if (typeof out[name] === 'string') out[name] = value;
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const asObject = (value: unknown): Record<string, unknown> => (isObject(value) ? { ...value } : {});

function header(headers: MockRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
