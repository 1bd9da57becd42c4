import { runNotScheduledReply, runScheduledReply } from '@chatops/commands';
import { gitlabFailureOf } from '@chatops/gitlab';
import { QueueName } from '@chatops/jobs';
import { type ProjectCommand, type ProjectCommandContext } from './context';

/** Slack's response_url lives 30 minutes; output after that could not be delivered. */
export const RUN_REPLY_WINDOW_MS = 30 * 60 * 1000;

/**
 * `run <job> <arguments>`: a pipeline on the default branch, as the user, with GitLab's ChatOps
 * variables (CHAT_INPUT, CHAT_CHANNEL, CHAT_USER_ID) plus CHAT_COMMAND naming the job. GitLab's
 * own `chat` pipeline source is not offered by its API, so jobs select themselves with
 * `rules: - if: $CHAT_COMMAND == "<job>"`. The job is then watched and its output posted back.
 */
export function runCommand(pollIntervalMs: number): ProjectCommand<'run'> {
  return async (context, command) => {
    const ref = context.gitlabProject.default_branch;
    if (!ref) return runNotScheduledReply(command.job, context.flavour);
    const pipelineId = await createChatPipeline(context, ref, command);
    if (pipelineId === null) return runNotScheduledReply(command.job, context.flavour);

    const jobs = (await context.api.Jobs.all(context.gitlabProject.id, {
      pipelineId,
      perPage: 100,
      maxPages: 1,
    })) as unknown as Array<{ id: number; name: string; web_url: string }>;
    const job = jobs.find((candidate) => candidate.name === command.job);
    if (!job) {
      await context.api.Pipelines.cancel(context.gitlabProject.id, pipelineId).catch(() => undefined);
      return runNotScheduledReply(command.job, context.flavour);
    }
    await context.queues.enqueue(
      QueueName.ChatOpsRuns,
      {
        provider: context.job.provider,
        identityId: context.identity.id,
        gitlabProjectId: context.gitlabProject.id,
        gitlabJobId: job.id,
        chatUserId: context.job.userId,
        responseUrl: context.job.responseUrl,
        deadline: new Date(Date.parse(context.job.receivedAt) + RUN_REPLY_WINDOW_MS).toISOString(),
        check: 1,
      },
      { delayMs: pollIntervalMs, jobId: `chatops-run-${job.id}-1` },
    );
    return runScheduledReply({ id: job.id, url: job.web_url }, context.flavour);
  };
}

async function createChatPipeline(
  context: ProjectCommandContext,
  ref: string,
  command: { job: string; arguments: string },
): Promise<number | null> {
  const variables = [
    { key: 'CHAT_INPUT', value: command.arguments },
    { key: 'CHAT_CHANNEL', value: context.job.channelId },
    { key: 'CHAT_USER_ID', value: context.job.userId },
    { key: 'CHAT_COMMAND', value: command.job },
  ];
  try {
    const pipeline = (await context.api.Pipelines.create(context.gitlabProject.id, ref, { variables })) as unknown as {
      id: number;
    };
    return pipeline.id;
  } catch (error) {
    // 400: no .gitlab-ci.yml, no job for this ref, or a YAML error — GitLab's "could not be scheduled".
    if (gitlabFailureOf(error).status === 400) return null;
    throw error;
  }
}
