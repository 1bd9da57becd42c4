import { type ChatPlatform, type ChatReply, ephemeral, inChannel, markdownLink } from '@chatops/chat';
import { gitlabFailureOf } from '@chatops/gitlab';
import { QueueName } from '@chatops/jobs';
import { rubyInspect } from '../replies/ruby-inspect';
import { defineCommand, matchPattern, type ProjectCommandContext } from './slash-command';

/** GitLab's Run regex with Ruby's `/m` (dot matches newline): the `s` flag. */
const RUN = /^run\s+(?<job>\S+)(?:\s+(?<arguments>.+))?$/s;

/** Slack's response_url lives 30 minutes; output after that could not be delivered. */
export const RUN_REPLY_WINDOW_MS = 30 * 60 * 1000;

/**
 * `run <job> <arguments>`: a pipeline on the default branch, as the user, with GitLab's ChatOps
 * variables (CHAT_INPUT, CHAT_CHANNEL, CHAT_USER_ID) plus CHAT_COMMAND naming the job. GitLab's
 * own `chat` pipeline source is not offered by its API, so jobs select themselves with
 * `rules: - if: $CHAT_COMMAND == "<job>"`. The job is then watched (chatops-run/run-watcher.ts)
 * and its output posted back.
 */
export const run = defineCommand<{ job: string; arguments: string }>({
  name: 'run',
  usage: 'run <command> <arguments>',
  offered: 'builds',
  scope: 'project',
  match: (text) => matchPattern(RUN, text, (g) => ({ job: g.job ?? '', arguments: g.arguments ?? '' })),
  async run(context, command) {
    const ref = context.gitlabProject.default_branch;
    if (!ref) return runNotScheduledReply(command.job);
    const pipelineId = await createChatPipeline(context, ref, command);
    if (pipelineId === null) return runNotScheduledReply(command.job);

    const projectId = context.gitlabProject.id;
    const job = (await context.gitlab.pipelineJobs(projectId, pipelineId)).find((j) => j.name === command.job);
    if (!job) {
      await context.gitlab.cancelPipeline(projectId, pipelineId).catch(() => undefined);
      return runNotScheduledReply(command.job);
    }
    await context.services.queues.enqueue(
      QueueName.ChatOpsRuns,
      {
        provider: context.platform,
        identityId: context.identity.id,
        gitlabProjectId: projectId,
        gitlabJobId: job.id,
        chatUserId: context.job.userId,
        responseUrl: context.job.responseUrl,
        deadline: new Date(Date.parse(context.job.receivedAt) + RUN_REPLY_WINDOW_MS).toISOString(),
        check: 1,
      },
      { delayMs: context.services.runPollIntervalMs, jobId: `chatops-run-${job.id}-1` },
    );
    return runScheduledReply({ id: job.id, url: job.web_url }, context.platform);
  },
});

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
    return (await context.gitlab.createPipeline(context.gitlabProject.id, ref, variables)).id;
  } catch (error) {
    // 400: no .gitlab-ci.yml, no job for this ref, or a YAML error — GitLab's "could not be scheduled".
    if (gitlabFailureOf(error).status === 400) return null;
    throw error;
  }
}

/** The CI job that `run` created. */
export interface ScheduledJob {
  id: number;
  /** The job's web URL. */
  url: string;
}

/**
 * `run`: the job is created; its output follows when it finishes. Slack gets an empty message
 * in the channel, so the channel still sees the command without a "scheduled" notice;
 * Mattermost tells the user which job was created.
 */
export function runScheduledReply(job: ScheduledJob, platform: ChatPlatform): ChatReply {
  if (platform === 'slack') return inChannel({ text: '' });
  return ephemeral({ text: `Your ChatOps job ${markdownLink(`#${job.id}`, job.url)} has been created!` });
}

/**
 * `run`: no pipeline could be created, most often because `.gitlab-ci.yml` has no such job.
 * The job name is quoted as GitLab quotes it (Ruby's `inspect`). Shown as typed, links included:
 * it holds no links of ours, only the name the user typed.
 */
export function runNotScheduledReply(jobName: string): ChatReply {
  return ephemeral({
    text:
      'The command could not be scheduled. Make sure that your project has a .gitlab-ci.yml ' +
      `that defines a job with the name ${rubyInspect(jobName)}`,
    verbatim: true,
  });
}
