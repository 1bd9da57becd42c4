import { AppError, ErrorCode } from '@chatops/errors';
import { defineWorker, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { createWorkerRuntime } from '@chatops/runtime';
import { type FastifyInstance } from 'fastify';
import { type IncidentEnv } from './env';

export interface IncidentService {
  http: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The composition root of the incident service. It consumes the `incidents` queue; incident management
 * are not built yet, so each job fails permanently with `not_implemented` (logged, not retried)
 * rather than pretending to succeed.
 */
export async function buildIncident(env: IncidentEnv, logger: Logger): Promise<IncidentService> {
  const runtime = createWorkerRuntime('incident', env, logger);
  const worker = defineWorker(
    QueueName.Incidents,
    async () => {
      throw new AppError(ErrorCode.NotImplemented, 'incident management are not implemented yet');
    },
    { ...runtime.workerOptions, concurrency: env.INCIDENT_CONCURRENCY },
  );
  const http = await runtime.createOpsServer();
  return { http, close: () => runtime.close([worker], http) };
}
