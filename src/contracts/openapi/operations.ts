import { resolveRefs } from '../document/resolve-refs.js';
import type { ContractDocument } from '../document/load-contract.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: unknown;
  example?: unknown;
}

export interface ResponseSpec {
  /** "200", "201", "4XX" or "default". */
  status: string;
  /** Schema of the JSON body, when one is declared. */
  schema?: unknown;
  /** The first declared example of the JSON body. */
  example?: unknown;
  hasExample: boolean;
}

/** One operation of an OpenAPI document, refs resolved. */
export interface Operation {
  id: string;
  method: HttpMethod;
  /** The templated path, e.g. /workorders/{id}. */
  path: string;
  /** Where the operation sits in the document, for located messages. */
  location: PropertyKey[];
  parameters: Parameter[];
  requestBody?: { required: boolean; schema?: unknown };
  responses: ResponseSpec[];
}

/** The base path of the first server URL ("/api/v1" for https://mes.example/api/v1). */
export function basePath(contract: ContractDocument): string {
  const url = contract.root?.servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  const path = url.startsWith('/')
    ? url
    : (() => {
        try {
          return new URL(url.replace(/\{[^}]+\}/g, 'x')).pathname;
        } catch {
          return '';
        }
      })();
  return path.replace(/\/+$/, '');
}

export function listOperations(contract: ContractDocument): Operation[] {
  const root = contract.root;
  const paths = (root?.paths ?? {}) as Record<string, Record<string, unknown>>;
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRefs(rawItem ?? {}, root) as Record<string, unknown>;
    const shared = (item.parameters ?? []) as unknown[];
    for (const method of HTTP_METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op || typeof op !== 'object') continue;
      const parameters = mergeParameters(shared, (op.parameters ?? []) as unknown[]);
      const body = op.requestBody as Record<string, unknown> | undefined;
      operations.push({
        id: typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`,
        method,
        path,
        location: ['paths', path, method],
        parameters,
        requestBody: body
          ? { required: body.required === true, schema: jsonMedia(body.content)?.schema }
          : undefined,
        responses: Object.entries((op.responses ?? {}) as Record<string, Record<string, unknown>>).map(
          ([status, response]) => {
            const media = jsonMedia(response?.content);
            const example = mediaExample(media);
            return { status, schema: media?.schema, example: example.value, hasExample: example.found };
          },
        ),
      });
    }
  }
  return operations;
}

function mergeParameters(shared: unknown[], own: unknown[]): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const raw of [...shared, ...own]) {
    const p = raw as Record<string, unknown>;
    if (typeof p?.name !== 'string' || typeof p.in !== 'string') continue;
    byKey.set(`${p.in}:${p.name}`, {
      name: p.name,
      in: p.in as Parameter['in'],
      required: p.in === 'path' || p.required === true,
      schema: p.schema ?? {},
      example: p.example ?? (p.schema as Record<string, unknown> | undefined)?.example,
    });
  }
  return [...byKey.values()];
}

/** The JSON media type object of a `content` map (application/json or any +json). */
export function jsonMedia(content: unknown): Record<string, unknown> | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const entries = Object.entries(content as Record<string, Record<string, unknown>>);
  const json = entries.find(([type]) => /^application\/([\w.-]+\+)?json\b/.test(type));
  return json?.[1];
}

function mediaExample(media: Record<string, unknown> | undefined): { found: boolean; value?: unknown } {
  if (!media) return { found: false };
  if ('example' in media) return { found: true, value: media.example };
  const examples = media.examples as Record<string, { value?: unknown }> | undefined;
  const first = examples && Object.values(examples)[0];
  if (first && 'value' in first) return { found: true, value: first.value };
  return { found: false };
}

/** A matcher from a templated path to its parameters: /workorders/{id} vs /workorders/WO-1. */
export function pathMatcher(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const match = /^\{([^}]+)\}$/.exec(part);
      if (match) {
        names.push(match[1] as string);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const match = regex.exec(path);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
  };
}
