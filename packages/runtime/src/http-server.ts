import { randomUUID } from 'node:crypto';
import { type Logger } from '@chatops/observability';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { type Registry } from 'prom-client';
import { errorHandlerPlugin } from './error-handler';
import { httpMetricsPlugin } from './http-metrics';
import { opsRoutesPlugin, type ReadinessCheck } from './ops-routes';

export interface HttpServerOptions {
  logger: Logger;
  registry: Registry;
  checks: ReadinessCheck[];
  bodyLimit?: number;
}

/**
 * A fastify instance with what every service shares: JSON logs with request ids (honouring an
 * incoming X-Request-Id), the error model, HTTP metrics, and the health, readiness and metrics routes.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; widening keeps FastifyInstance's default generics.
    loggerInstance: options.logger as FastifyBaseLogger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Outcomes are logged once, by the error handler and the routes; per-request lines would drown them at load.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(errorHandlerPlugin);
  await app.register(httpMetricsPlugin, { registry: options.registry });
  await app.register(opsRoutesPlugin, { registry: options.registry, checks: options.checks });
  return app;
}
