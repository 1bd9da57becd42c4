import { ResponseUrlReplier } from '@chatops/chat';
import { SecretBox } from '@chatops/db';
import { GitLabClient } from '@chatops/gitlab';
import { gitlabLinkingFromEnv, LinkRequests, UserTokens } from '@chatops/identity';
import { defineWorker, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { createWorkerRuntime } from '@chatops/runtime';
import { type FastifyInstance } from 'fastify';
import { watchChatOpsRun } from './chatops-run/run-watcher';
import { CommandDispatcher } from './dispatch/command-dispatcher';
import { type CommandHandlerEnv } from './env';

export interface CommandHandlerService {
  http: FastifyInstance;
  close(): Promise<void>;
}

/** GitLab answers within seconds; a command must answer well inside Slack's 30-minute window. */
const GITLAB_TIMEOUT_MS = 10_000;

/**
 * The composition root of the command-handler: runs slash commands from the `commands` queue as
 * the linked GitLab user, and watches ChatOps `run` jobs until their output can be posted.
 */
export async function buildCommandHandler(env: CommandHandlerEnv, logger: Logger): Promise<CommandHandlerService> {
  const runtime = createWorkerRuntime('command-handler', env, logger);
  const box = new SecretBox(env.ENCRYPTION_KEY, env.ENCRYPTION_KEYS_PREVIOUS);
  const linking = gitlabLinkingFromEnv(env);
  const tokens = linking ? new UserTokens(runtime.db, box, linking.oauth) : null;
  const gitlab = linking ? new GitLabClient({ url: linking.gitlabUrl, timeoutMs: GITLAB_TIMEOUT_MS }) : null;
  const replier = new ResponseUrlReplier();
  const services = {
    db: runtime.db,
    queues: runtime.queues,
    tokens,
    gitlab,
    runPollIntervalMs: env.CHATOPS_POLL_INTERVAL_MS,
  };
  const dispatcher = new CommandDispatcher({
    services,
    replier,
    links: new LinkRequests(runtime.redis, env.QUEUE_PREFIX),
    publicUrl: env.PUBLIC_URL,
  });
  if (!linking)
    logger.warn(
      'GITLAB_URL / GITLAB_OAUTH_CLIENT_ID / GITLAB_OAUTH_CLIENT_SECRET are not set: users cannot link accounts, so only help runs',
    );

  const workerOptions = { ...runtime.workerOptions, concurrency: env.COMMAND_HANDLER_CONCURRENCY };
  const workers = [
    defineWorker(QueueName.Commands, (job, context) => dispatcher.handle(job, context.log), workerOptions),
  ];
  if (tokens && gitlab) {
    const watcher = {
      db: runtime.db,
      queues: runtime.queues,
      replier,
      tokens,
      gitlab,
      pollIntervalMs: env.CHATOPS_POLL_INTERVAL_MS,
    };
    workers.push(
      defineWorker(QueueName.ChatOpsRuns, (run, context) => watchChatOpsRun(watcher, run, context.log), workerOptions),
    );
  }
  const http = await runtime.createOpsServer();
  return { http, close: () => runtime.close(workers, http) };
}
