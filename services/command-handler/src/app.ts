import { AppError, ErrorCode } from '@chatops/errors';
import { defineWorker, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { createWorkerRuntime } from '@chatops/runtime';
import { type FastifyInstance } from 'fastify';
import { type CommandHandlerEnv } from './env';

export interface CommandHandlerService {
  http: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The composition root of the command-handler service. It consumes the `commands` queue; slash commands
 * are not built yet, so each job fails permanently with `not_implemented` (logged, not retried)
 * rather than pretending to succeed.
 */
export async function buildCommandHandler(env: CommandHandlerEnv, logger: Logger): Promise<CommandHandlerService> {
  const runtime = createWorkerRuntime('command-handler', env, logger);
  const worker = defineWorker(
    QueueName.Commands,
    async () => {
      throw new AppError(ErrorCode.NotImplemented, 'slash commands are not implemented yet');
    },
    { ...runtime.workerOptions, concurrency: env.COMMAND_HANDLER_CONCURRENCY },
  );
  const http = await runtime.createOpsServer();
  return { http, close: () => runtime.close([worker], http) };
}
