import {
  type AlertPollTarget,
  alertPollTargets,
  type Db,
  recordAlertPoll,
  recordAlertPollError,
  type SecretBox,
} from '@chatops/db';
import { type GitLabApi } from '@chatops/gitlab';
import { type JobHandler, type JobQueues, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { alertEventJob, alertEventKey } from './alert-event';
import { fetchAlertPage, type GitLabAlert } from './gitlab-alerts';

/** Alerts read per GraphQL request. */
const PAGE_SIZE = 50;
/**
 * Pages read per project and round at most: a burst of more new alerts than this between two
 * rounds posts the newest ones and skips the older (logged), rather than flood the channel.
 */
const MAX_PAGES = 4;
/** Projects polled at once. */
const PARALLEL_PROJECTS = 4;
/** How long an alert's event key is remembered by the events queue (the delivery key holds for good). */
const DEDUPE_TTL_MS = 24 * 3600_000;

export interface AlertPollerDeps {
  db: Db;
  box: SecretBox;
  queues: JobQueues;
  /** GitLab for a project (the configured GitLab, else its web URL's origin), with a token. */
  gitlab(projectWebUrl: string, token: string): GitLabApi;
  now(): Date;
}

/** What one project's poll did. */
export type ProjectPollOutcome =
  | { kind: 'skipped'; reason: 'no_token' | 'no_endpoint' }
  | { kind: 'started'; cursor: number }
  | { kind: 'polled'; queued: number; cursor: number }
  | { kind: 'failed'; message: string };

/**
 * One round of alert polling (an `alert-polls` job, added once per interval by the job
 * scheduler): every project with an active integration routing `alert` is polled once.
 */
export function alertPollHandler(deps: AlertPollerDeps): JobHandler<typeof QueueName.AlertPolls> {
  return async (_job, { log }) => {
    const targets = await alertPollTargets(deps.db);
    const outcomes: ProjectPollOutcome[] = [];
    for (let i = 0; i < targets.length; i += PARALLEL_PROJECTS) {
      const batch = targets.slice(i, i + PARALLEL_PROJECTS);
      outcomes.push(...(await Promise.all(batch.map((target) => pollProjectAlerts(deps, target, log)))));
    }
    const count = (kind: ProjectPollOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
    log.debug(
      {
        projects: targets.length,
        skipped: count('skipped'),
        failed: count('failed'),
        queued: outcomes.reduce((n, o) => n + (o.kind === 'polled' ? o.queued : 0), 0),
      },
      'alerts polled',
    );
  };
}

/**
 * Polls one project: its alerts newer than the cursor become `events` jobs for the notifier,
 * oldest first, then the cursor moves to the newest. The first poll only records the newest
 * alert (no history is posted). A failure is recorded for operators and leaves the cursor where
 * it was; the next round tries again (alerts queued before the failure are queued again and
 * deduplicated by their event key).
 */
export async function pollProjectAlerts(
  deps: AlertPollerDeps,
  target: AlertPollTarget,
  log: Logger,
): Promise<ProjectPollOutcome> {
  // Operators see these in the admin API's alert polling status; the log would repeat them each round.
  const { apiTokenSealed, endpointId } = target;
  if (!apiTokenSealed) return { kind: 'skipped', reason: 'no_token' };
  if (!endpointId) return { kind: 'skipped', reason: 'no_endpoint' };
  const polledAt = deps.now();
  try {
    const gitlab = deps.gitlab(target.webUrl, deps.box.open(apiTokenSealed));
    if (target.lastAlertIid === null) {
      const { alerts } = await fetchAlertPage(gitlab, target.pathWithNamespace, { first: 1 });
      const cursor = alerts[0]?.iid ?? 0;
      await recordAlertPoll(deps.db, target.projectId, { newestIid: cursor, polledAt });
      log.info({ project: target.pathWithNamespace, cursor }, 'alert polling started: earlier alerts are not posted');
      return { kind: 'started', cursor };
    }
    const { projectName, alerts, truncated } = await newAlerts(gitlab, target.pathWithNamespace, target.lastAlertIid);
    if (truncated)
      log.warn(
        { project: target.pathWithNamespace, posted: alerts.length },
        'more new alerts than one round reads: only the newest are posted',
      );
    for (const alert of alerts)
      await deps.queues.enqueue(
        QueueName.Events,
        alertEventJob({ endpointId, gitlabProjectId: target.gitlabProjectId }, alert, projectName, polledAt),
        { dedupe: { key: alertEventKey(target.gitlabProjectId, alert.iid), ttlMs: DEDUPE_TTL_MS } },
      );
    const cursor = Math.max(target.lastAlertIid, ...alerts.map((a) => a.iid));
    await recordAlertPoll(deps.db, target.projectId, { newestIid: cursor, polledAt });
    if (alerts.length > 0) log.info({ project: target.pathWithNamespace, queued: alerts.length }, 'new alerts queued');
    return { kind: 'polled', queued: alerts.length, cursor };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: error, project: target.pathWithNamespace }, 'alert poll failed');
    await recordAlertPollError(deps.db, target.projectId, { message, polledAt }).catch((recordError: unknown) =>
      log.warn({ err: recordError, project: target.pathWithNamespace }, 'could not record the alert poll failure'),
    );
    return { kind: 'failed', message };
  }
}

/** The alerts after `cursor`, oldest first, reading newest first until the cursor (or MAX_PAGES). */
async function newAlerts(
  gitlab: GitLabApi,
  fullPath: string,
  cursor: number,
): Promise<{ projectName: string; alerts: GitLabAlert[]; truncated: boolean }> {
  const found: GitLabAlert[] = [];
  let projectName = '';
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchAlertPage(gitlab, fullPath, { first: PAGE_SIZE, after });
    projectName = result.projectName;
    const fresh = result.alerts.filter((alert) => alert.iid > cursor);
    found.push(...fresh);
    after = result.after;
    if (fresh.length < result.alerts.length || after === null)
      return { projectName, alerts: oldestFirst(found), truncated: false };
  }
  return { projectName, alerts: oldestFirst(found), truncated: true };
}

function oldestFirst(alerts: GitLabAlert[]): GitLabAlert[] {
  return [...new Map(alerts.map((a) => [a.iid, a])).values()].sort((a, b) => a.iid - b.iid);
}
