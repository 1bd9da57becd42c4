import { type ResponseUrlReplier } from '@chatops/chat';
import { type Db, findChatIdentityById } from '@chatops/db';
import { type GitLabClient } from '@chatops/gitlab';
import { type UserTokens } from '@chatops/identity';
import { type ChatOpsRunJob, type JobQueues, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { replyToCommand } from '../dispatch/reply-to-command';
import { runFinishedReply } from './run-output';
import { extractChatOutput } from './trace-sections';

const UNFINISHED = new Set([
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'scheduled',
  'manual',
]);
/** How long after the job finished its log may still lack the output section (GitLab's limit). */
const MISSING_OUTPUT_WAIT_MS = 5 * 60 * 1000;

export interface RunWatcherDeps {
  db: Db;
  queues: JobQueues;
  replier: ResponseUrlReplier;
  tokens: UserTokens;
  gitlab: GitLabClient;
  pollIntervalMs: number;
  now?: () => number;
}

/**
 * Watches one ChatOps job: still running, or finished but its log has no output section yet →
 * check again later (a new delayed job); finished → its chat output (or GitLab's failure text)
 * goes to the response_url; past the response_url's lifetime → give up, as GitLab does.
 */
export async function watchChatOpsRun(deps: RunWatcherDeps, run: ChatOpsRunJob, logger: Logger): Promise<void> {
  const now = deps.now?.() ?? Date.now();
  const identity = await findChatIdentityById(deps.db, run.identityId);
  if (!identity) {
    logger.info({ gitlabJobId: run.gitlabJobId }, 'ChatOps run: the user unlinked; output not sent');
    return;
  }
  const gitlab = deps.gitlab.asUser(await deps.tokens.accessToken(identity));
  const job = await gitlab.job(run.gitlabProjectId, run.gitlabJobId);

  const checkAgain = async (why: string): Promise<void> => {
    if (now + deps.pollIntervalMs >= Date.parse(run.deadline)) {
      logger.info({ gitlabJobId: job.id }, `ChatOps run: ${why} within the response window; output not sent`);
      return;
    }
    const next = run.check + 1;
    const { meta: _meta, ...rest } = run;
    await deps.queues.enqueue(
      QueueName.ChatOpsRuns,
      { ...rest, check: next },
      { delayMs: deps.pollIntervalMs, jobId: `chatops-run-${run.gitlabJobId}-${next}` },
    );
  };
  if (UNFINISHED.has(job.status)) return checkAgain('not finished');

  const succeeded = job.status === 'success';
  let output = '';
  if (succeeded) {
    const extracted = extractChatOutput(await gitlab.jobLog(run.gitlabProjectId, run.gitlabJobId));
    // The log can lag behind the status: GitLab waits (up to 5 minutes) for the output section.
    const finishedAt = job.finished_at ? Date.parse(job.finished_at) : now;
    if (extracted === null && now - finishedAt < MISSING_OUTPUT_WAIT_MS)
      return checkAgain('no output section in the log');
    output = extracted ?? '';
  }
  const reply = runFinishedReply(
    {
      id: job.id,
      name: job.name,
      url: job.web_url,
      status: succeeded ? 'success' : 'failed',
      output,
      chatUserId: run.chatUserId,
      user: {
        name: job.user?.name ?? identity.gitlabUsername,
        web_url: job.user?.web_url ?? deps.gitlab.profileUrl(identity.gitlabUsername),
      },
    },
    run.provider,
  );
  if (reply) await replyToCommand(deps.replier, run, reply, logger);
}
