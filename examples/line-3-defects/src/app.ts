import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { sendError } from './routes/errors.js';
import { feedbackRoute } from './routes/feedback.js';
import { operationsRoutes } from './routes/operations.js';
import { predictRoute } from './routes/predict.js';
import type { Runtime } from './runtime.js';

/**
 * The HTTP app. Request bodies are never logged (they carry plant data); request logs hold
 * route, status and duration only.
 */
export function buildApp(runtime: Runtime, logger: Logger): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: runtime.config.bodyLimitBytes,
    return503OnClosing: true,
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    runtime.metrics.httpRequests.inc({ route, status: String(reply.statusCode) });
    runtime.metrics.httpDuration.observe({ route }, reply.elapsedTime / 1000);
    request.log.debug({ route, status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendError(reply, 500, 'internal', 'internal error; the request was not processed');
    }
    // Fastify's own client errors: malformed JSON, body too large, wrong content type.
    const code = {
      FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
    }[error.code ?? ''];
    return sendError(reply, status, code ?? 'malformed-request', error.message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not-found', `no route ${request.method} ${request.url}`),
  );

  predictRoute(app, runtime);
  feedbackRoute(app, runtime);
  operationsRoutes(app, runtime);
  return app;
}
