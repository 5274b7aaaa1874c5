import type { FastifyInstance } from 'fastify';
import { ajv, toFieldErrors, useCase } from '../features/index.js';
import { DuplicateFeedbackError } from '../feedback/feedback-service.js';
import type { Runtime } from '../runtime.js';
import { sendError } from './errors.js';

interface FeedbackBody {
  predictionId: string;
  actual: string;
  source?: string;
  note?: string;
}

const validateFeedback = ajv.compile<FeedbackBody>({
  type: 'object',
  additionalProperties: false,
  required: ['predictionId', 'actual'],
  properties: {
    predictionId: { type: 'string', minLength: 1, maxLength: 64 },
    actual: { type: 'string', enum: [...useCase.classes] },
    source: { type: 'string', minLength: 1, maxLength: 64 },
    note: { type: 'string', maxLength: 1000 },
  },
});

/** POST /v1/feedback: ground truth for a prediction, from QC or MES. */
export function feedbackRoute(app: FastifyInstance, runtime: Runtime): void {
  app.post('/v1/feedback', async (request, reply) => {
    const body = request.body;
    if (!validateFeedback(body)) {
      return sendError(
        reply,
        400,
        'invalid-feedback',
        'the feedback does not match its schema',
        toFieldErrors(validateFeedback.errors ?? []),
      );
    }
    const prediction = runtime.predictions.get(body.predictionId);
    if (!prediction)
      return sendError(
        reply,
        404,
        'unknown-prediction',
        `no prediction with id ${body.predictionId} is known`,
      );
    if (runtime.feedback.hasAnswer(body.predictionId)) {
      return sendError(reply, 409, 'feedback-exists', `prediction ${body.predictionId} already has feedback`);
    }
    try {
      const result = await runtime.feedback.submit(
        prediction,
        body.actual,
        body.source ?? 'unspecified',
        body.note,
      );
      return reply
        .code(201)
        .send({ predictionId: body.predictionId, modelVersion: prediction.modelVersion, ...result });
    } catch (error) {
      // A concurrent answer for the same prediction won the race.
      if (error instanceof DuplicateFeedbackError)
        return sendError(reply, 409, 'feedback-exists', error.message);
      throw error;
    }
  });
}
