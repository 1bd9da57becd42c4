import { ResponseUrlReplier } from '@chatops/chat';
import { SecretBox } from '@chatops/db';
import { gitlabLinkingFromEnv, LinkRequests, UserTokens } from '@chatops/identity';
import { defineWorker, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { createWorkerRuntime } from '@chatops/runtime';
import { type FastifyInstance } from 'fastify';
import { CommandRunner } from './command-runner';
import { type CommandHandlerEnv } from './env';
import { watchChatOpsRun } from './run-watcher';

export interface CommandHandlerService {
  http: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The composition root of the command-handler: runs slash commands from the `commands` queue as
 * the linked GitLab user, and watches ChatOps `run` jobs until their output can be posted.
 */
export async function buildCommandHandler(env: CommandHandlerEnv, logger: Logger): Promise<CommandHandlerService> {
  const runtime = createWorkerRuntime('command-handler', env, logger);
  const box = new SecretBox(env.ENCRYPTION_KEY);
  const linking = gitlabLinkingFromEnv(env);
  const tokens = linking ? new UserTokens(runtime.db, box, linking.oauth) : null;
  const replier = new ResponseUrlReplier();
  const runner = new CommandRunner({
    db: runtime.db,
    queues: runtime.queues,
    replier,
    links: new LinkRequests(runtime.redis, env.QUEUE_PREFIX),
    linking,
    tokens,
    publicUrl: env.PUBLIC_URL,
    pollIntervalMs: env.CHATOPS_POLL_INTERVAL_MS,
  });
  if (!linking)
    logger.warn(
      'GITLAB_URL / GITLAB_OAUTH_CLIENT_ID / GITLAB_OAUTH_CLIENT_SECRET are not set: users cannot link accounts, so only help runs',
    );

  const workers = [
    defineWorker(QueueName.Commands, (job, context) => runner.handle(job, context.log), {
      ...runtime.workerOptions,
      concurrency: env.COMMAND_HANDLER_CONCURRENCY,
    }),
  ];
  if (linking && tokens) {
    const watcher = {
      db: runtime.db,
      queues: runtime.queues,
      replier,
      tokens,
      gitlabUrl: linking.gitlabUrl,
      pollIntervalMs: env.CHATOPS_POLL_INTERVAL_MS,
    };
    workers.push(
      defineWorker(QueueName.ChatOpsRuns, (run, context) => watchChatOpsRun(watcher, run, context.log), {
        ...runtime.workerOptions,
        concurrency: env.COMMAND_HANDLER_CONCURRENCY,
      }),
    );
  }
  const http = await runtime.createOpsServer();
  return { http, close: () => runtime.close(workers, http) };
}
