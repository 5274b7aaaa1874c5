import type { FastifyInstance } from 'fastify';
import { UnscorableInputError } from '../decisions/predictor.js';
import { validateInput } from '../features/index.js';
import type { Runtime } from '../runtime.js';
import { sendError } from './errors.js';

/** POST /v1/predict: validate against the contract's schema, score, decide. */
export function predictRoute(app: FastifyInstance, runtime: Runtime): void {
  app.post<{ Querystring: { explain?: string } }>('/v1/predict', async (request, reply) => {
    const predictor = runtime.predictor;
    if (!predictor)
      return sendError(
        reply,
        503,
        'not-ready',
        `the model is not ready: ${runtime.notReadyReason ?? 'loading'}`,
      );
    const validation = validateInput(request.body);
    if (!validation.ok)
      return sendError(
        reply,
        400,
        'invalid-input',
        'the request does not match the input schema',
        validation.errors,
      );
    try {
      return await predictor.predict(validation.input, 'api', request.query.explain === 'true');
    } catch (error) {
      if (error instanceof UnscorableInputError)
        return sendError(reply, 422, 'unscorable-input', error.message);
      throw error;
    }
  });
}
