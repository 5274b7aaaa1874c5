import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime.js';

/** Probes and metrics: the endpoints the Helm chart and Prometheus rely on. */
export function operationsRoutes(app: FastifyInstance, runtime: Runtime): void {
  // Liveness: the process serves HTTP. It never depends on the model, so a bad model file
  // does not make Kubernetes restart the pod in a loop; readiness carries that.
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    if (runtime.ready && !runtime.stopping)
      return { status: 'ready', modelVersion: runtime.config.modelVersion };
    return reply
      .code(503)
      .send({ status: 'not-ready', reason: runtime.stopping ? 'shutting down' : runtime.notReadyReason });
  });

  app.get('/metrics', async (_request, reply) => {
    const { metrics, drift } = runtime;
    if (drift) for (const [feature, psi] of drift.psi()) metrics.drift.set({ feature }, psi);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
