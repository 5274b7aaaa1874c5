import type { Transport } from './transport.js';

/** REST from OpenAPI. Mock and verifier load on use: a transport costs nothing until it runs. */
export const restTransport: Transport = {
  kind: 'rest',
  contractKind: 'openapi',
  startMock: async (context) =>
    (await import('../mocks/rest-mock.js')).startRestMock(context.contract, {
      name: context.name,
      host: context.host,
      port: context.port,
      seed: context.seed,
      latencyMs: context.latencyMs,
      errorRate: context.errorRate,
      onTraffic: context.onTraffic,
    }),
  verify: async (context) =>
    (await import('../verify/rest-verify.js')).verifyRest(context.contract, context.validator, {
      endpoint: context.endpoint,
      allowWrites: context.allowWrites,
      timeoutMs: context.timeoutMs,
      seed: context.seed,
      onProgress: context.onProgress,
    }),
};
