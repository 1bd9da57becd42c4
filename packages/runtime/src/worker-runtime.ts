import { createDatabase, type Db, type SqlPool } from '@chatops/db';
import {
  createJobMetrics,
  createProducerConnection,
  createWorkerConnection,
  JobQueues,
  type JobMetrics,
  type RedisConnection,
  type WorkerOptions,
} from '@chatops/jobs';
import { createMetricsRegistry, type Logger } from '@chatops/observability';
import { type Worker } from 'bullmq';
import { type FastifyInstance } from 'fastify';
import { type Registry } from 'prom-client';
import { createHttpServer } from './http-server';
import { databaseCheck, redisCheck } from './readiness-checks';
import { observeWriteBatches } from './write-batch-metrics';

export interface WorkerRuntimeEnv {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_PREPARED_STATEMENTS: boolean;
  REDIS_URL: string;
  REDIS_CLUSTER: boolean;
  QUEUE_PREFIX: string;
}

/** The clients every queue-consuming service needs, built once in its composition root. */
export interface WorkerRuntime {
  db: Db;
  /** node-postgres's pool under `db`, for hot-path statements that skip Prisma. */
  sql: SqlPool;
  /** Producer side, for workers that enqueue follow-up jobs. */
  queues: JobQueues;
  /** A fail-fast Redis connection for the service's own commands (the producers' connection). */
  redis: RedisConnection;
  registry: Registry;
  metrics: JobMetrics;
  /** Options to pass to `defineWorker`, sharing one blocking connection. */
  workerOptions: WorkerOptions;
  /** Starts the health, readiness and metrics server (listen on it yourself). */
  createOpsServer(): Promise<FastifyInstance>;
  /** Closes the workers first (letting jobs in flight finish), then every connection. */
  close(workers: Worker[], http?: FastifyInstance): Promise<void>;
}

export function createWorkerRuntime(service: string, env: WorkerRuntimeEnv, logger: Logger): WorkerRuntime {
  const database = createDatabase(env.DATABASE_URL, {
    poolSize: env.DATABASE_POOL_SIZE,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    onIdleClientError: (error) => logger.warn({ err: error }, 'idle database connection error'),
  });
  const { db, sql } = database;
  const redisTarget = { cluster: env.REDIS_CLUSTER };
  const workerConnection = createWorkerConnection(env.REDIS_URL, redisTarget);
  const producerConnection = createProducerConnection(env.REDIS_URL, redisTarget);
  for (const connection of [workerConnection, producerConnection]) {
    // Reconnection is automatic; a listener keeps ioredis from reporting each failure as unhandled.
    connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  }
  const queues = new JobQueues(producerConnection, env.QUEUE_PREFIX, logger);
  const registry = createMetricsRegistry(service);
  const metrics = createJobMetrics(registry);
  const stopObservingWriteBatches = observeWriteBatches(registry);

  return {
    db,
    sql,
    queues,
    redis: producerConnection,
    registry,
    metrics,
    workerOptions: { connection: workerConnection, prefix: env.QUEUE_PREFIX, logger, metrics },
    createOpsServer: () =>
      createHttpServer({
        logger,
        registry,
        checks: [redisCheck(producerConnection), databaseCheck(sql)],
      }),
    async close(workers, http) {
      // The write-batch channel is process-wide: let go of it whatever fails below.
      stopObservingWriteBatches();
      await Promise.all(workers.map((w) => w.close()));
      await http?.close();
      await queues.close();
      workerConnection.disconnect();
      producerConnection.disconnect();
      await database.close();
    },
  };
}
