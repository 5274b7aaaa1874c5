import type { FastifyReply } from 'fastify';
import type { FieldError } from '../features/index.js';

/** Every error the API returns has this shape: a stable code, a sentence, and field errors. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fields?: FieldError[],
) {
  return reply.code(status).send({ error: { code, message, ...(fields ? { fields } : {}) } });
}
