import {
  ChatSenders,
  formStateKey,
  FormSessions,
  MattermostDialogs,
  ResponseUrlReplier,
  SlackAppClient,
} from '@chatops/chat';
import { SecretBox } from '@chatops/db';
import { GitLabClient } from '@chatops/gitlab';
import { gitlabLinkingFromEnv, LinkRequests, UserTokens } from '@chatops/identity';
import { defineWorker, INCIDENT_FORM_SESSIONS, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { OutboundGuard } from '@chatops/outbound';
import { createWorkerRuntime } from '@chatops/runtime';
import { type FastifyInstance } from 'fastify';
import { type IncidentEnv } from './env';
import { PendingChoices } from './follow-up/pending-choices';
import { incidentJobHandler } from './handle-incident-job';
import { alertPollHandler } from './alerts/poll-alerts';
import { projectGitLab } from './alerts/project-gitlab';
import { scheduleAlertPolls } from './alerts/schedule-alert-polls';

export interface IncidentService {
  http: FastifyInstance;
  close(): Promise<void>;
}

/** GitLab answers within seconds; Slack's trigger id lasts 3 s, so the calls before a form opens must be quick. */
const GITLAB_TIMEOUT_MS = 2500;

/**
 * The composition root of the incident service: the `incidents` queue's worker, which opens the
 * New incident form, creates incidents as the linked user, and acts on them (comment, timeline,
 * close) from chat; and the `alert-polls` worker, which turns GitLab's new alerts into events
 * for the notifier.
 */
export async function buildIncident(env: IncidentEnv, logger: Logger): Promise<IncidentService> {
  const runtime = createWorkerRuntime('incident', env, logger);
  const box = new SecretBox(env.ENCRYPTION_KEY, env.ENCRYPTION_KEYS_PREVIOUS);
  const linking = gitlabLinkingFromEnv(env);
  if (!linking)
    logger.warn(
      'GITLAB_URL / GITLAB_OAUTH_CLIENT_ID / GITLAB_OAUTH_CLIENT_SECRET are not set: nobody can link, so no incident can be declared',
    );
  // Mattermost servers (and webhooks) are users' input: every connection to them is checked.
  const outbound = new OutboundGuard(env.OUTBOUND_ALLOWED_HOSTS);
  const handler = incidentJobHandler({
    db: runtime.db,
    box,
    tokens: linking ? new UserTokens(runtime.db, box, linking.oauth) : null,
    gitlab: linking ? new GitLabClient({ url: linking.gitlabUrl, timeoutMs: GITLAB_TIMEOUT_MS }) : null,
    links: new LinkRequests(runtime.redis, env.QUEUE_PREFIX),
    slack: new SlackAppClient({ slackApiUrl: env.SLACK_API_URL }),
    senders: new ChatSenders({ slackApiUrl: env.SLACK_API_URL, outbound }),
    dialogs: new MattermostDialogs(outbound),
    replier: new ResponseUrlReplier(),
    forms: new FormSessions(runtime.redis, env.QUEUE_PREFIX, INCIDENT_FORM_SESSIONS),
    choices: new PendingChoices(runtime.redis, env.QUEUE_PREFIX),
    formStateKey: formStateKey(env.ENCRYPTION_KEY),
    publicUrl: env.PUBLIC_URL,
  });
  const worker = defineWorker(QueueName.Incidents, handler, {
    ...runtime.workerOptions,
    concurrency: env.INCIDENT_CONCURRENCY,
  });
  // GitLab sends no webhook for alerts: one round of polling per interval, across replicas.
  const alertPolls = defineWorker(
    QueueName.AlertPolls,
    alertPollHandler({
      db: runtime.db,
      box,
      queues: runtime.queues,
      gitlab: projectGitLab(env.GITLAB_URL),
      now: () => new Date(),
    }),
    { ...runtime.workerOptions, concurrency: 1 },
  );
  const stopScheduling = scheduleAlertPolls(runtime.queues, env.INCIDENT_ALERT_POLL_INTERVAL_MS, logger);
  const http = await runtime.createOpsServer();
  return {
    http,
    close: async () => {
      stopScheduling();
      await runtime.close([worker, alertPolls], http);
      await outbound.close();
    },
  };
}
