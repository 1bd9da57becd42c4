import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@chatops/errors';
import { type Logger } from '@chatops/observability';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import { type Registry } from 'prom-client';
import { errorHandlerPlugin } from './error-handler';
import { httpMetricsPlugin } from './http-metrics';
import { lazyRequestLogger } from './lazy-request-logger';
import { type OpsRoutesOptions, opsRoutesPlugin, type ReadinessCheck } from './ops-routes';

export interface HttpServerOptions {
  logger: Logger;
  registry: Registry;
  checks: ReadinessCheck[];
  bodyLimit?: number;
  /** Which ops routes it serves (default `all`; a public server serves `probes` only). */
  opsRoutes?: OpsRoutesOptions['expose'];
  /**
   * Whether its requests are timed in `chatops_http_request_duration_seconds` (default true); a
   * second server on the same registry (the gateway's ops port) leaves it to the first.
   */
  httpMetrics?: boolean;
}

/**
 * A fastify instance with what every service shares: JSON logs with request ids (honouring an
 * incoming X-Request-Id), the error model, HTTP metrics, and the health, readiness and (unless
 * `opsRoutes: 'probes'`) metrics routes.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; widening keeps FastifyInstance's default generics.
    loggerInstance: options.logger as FastifyBaseLogger,
    // An incoming X-Request-Id is kept for correlation only when it looks like an id.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    },
    // Requests fastify rejects before routing (a malformed URL, say) get the same JSON error shape.
    frameworkErrors: (error, _request, reply) => {
      // The hook's reply type is generic over unknown route schemas; this one has none.
      void (reply as FastifyReply).status(400).send({ error: { code: ErrorCode.BadRequest, message: error.message } });
    },
    // Outcomes are logged once, by the error handler and the routes; per-request lines would drown them at load.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyRequestLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
  });
  // Callback-style hooks: on every request, an async one would cost a promise for nothing.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  await app.register(errorHandlerPlugin);
  if (options.httpMetrics ?? true) await app.register(httpMetricsPlugin, { registry: options.registry });
  await app.register(opsRoutesPlugin, {
    registry: options.registry,
    checks: options.checks,
    expose: options.opsRoutes ?? 'all',
  });
  return app;
}
