import { createServer } from 'node:http';

import type { ContractDocument } from '../document/load-contract.js';
import { createSchemaValidator } from '../document/schema-validator.js';
import { createRandom, hashSeed } from '../random.js';
import { closeServer, listen } from './listen.js';
import { createRestResponder, type MockRequest, type MockResponse } from './rest-responder.js';
import type { RunningMock } from './running-mock.js';

export interface RestMockOptions {
  name: string;
  host: string;
  port: number;
  seed: number;
  /** Added delay per response in ms: [min, max], drawn uniformly (seeded). */
  latencyMs: [number, number];
  errorRate: number;
  /** Each request, for the log of `poc mock`; `violation` when it broke the contract (400). */
  onTraffic?: (line: string, violation: boolean) => void;
}

const MAX_BODY = 5 * 1024 * 1024;

/** Serves an OpenAPI contract over HTTP on the integration's own mock address. */
export async function startRestMock(
  contract: ContractDocument,
  options: RestMockOptions,
): Promise<RunningMock> {
  // ajv loads once the socket is open, so it is not on the path to "ready" (budget 1.5 s);
  // a request that comes first waits for it.
  let validator: ReturnType<typeof createSchemaValidator> | undefined;
  let responder: ((request: MockRequest) => MockResponse) | undefined;
  const respond = async (request: MockRequest): Promise<MockResponse> => {
    validator ??= createSchemaValidator();
    responder ??= createRestResponder(contract, await validator, {
      seed: options.seed,
      errorRate: options.errorRate,
    });
    return responder(request);
  };
  const delays = createRandom(hashSeed(options.seed, 'latency'));
  const [minDelay, maxDelay] = options.latencyMs;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const reply = (answer: MockResponse) => {
      const delay = maxDelay > 0 ? Math.round(minDelay + (maxDelay - minDelay) * delays.next()) : 0;
      const send = () => {
        if (res.destroyed) return;
        const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...(text ? { 'content-type': 'application/json' } : {}),
          'x-poc-mock': options.name,
          // The injected delay, so a client (or a test) can tell it from its own slowness.
          ...(delay > 0 ? { 'x-poc-mock-delay-ms': String(delay) } : {}),
        });
        res.end(req.method === 'HEAD' ? undefined : text);
        const problems =
          answer.status === 400 ? (answer.body as { problems?: unknown[] })?.problems : undefined;
        options.onTraffic?.(
          `${options.name} ${req.method} ${req.url} -> ${answer.status}${problems ? ` ${JSON.stringify(problems)}` : ''}`,
          answer.status === 400,
        );
      };
      if (delay > 0) setTimeout(send, delay);
      else send();
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': 'application/json' }).end('{"error":"body too large"}');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      respond({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }).then(
        reply,
        (error: Error) => reply({ status: 500, body: { error: 'mock failure', message: error.message } }),
      );
    });
  });
  const port = await listen(server, options.host, options.port, options.name);
  setImmediate(() => {
    validator ??= createSchemaValidator();
    validator.catch(() => undefined); // reported by the request that needs it
  });
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    name: options.name,
    kind: 'rest',
    url,
    detail: contract.file,
    stop: () => closeServer(server),
  };
}
