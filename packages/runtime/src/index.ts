export { errorHandlerPlugin, toAppError } from './error-handler';
export { opsRoutesPlugin, type OpsRoutesOptions, type ReadinessCheck } from './ops-routes';
export { httpMetricsPlugin } from './http-metrics';
export { redisCheck, databaseCheck } from './readiness-checks';
export { onShutdown } from './shutdown';
export { createHttpServer, type HttpServerOptions } from './http-server';
export { createWorkerRuntime, type WorkerRuntime, type WorkerRuntimeEnv } from './worker-runtime';
export { runService, type StartedService } from './run-service';
export { TtlCache } from './ttl-cache';
