import { type Db } from '../client';

/** A project the alert poller looks at: one with an active integration routing `alert`. */
export interface AlertPollTarget {
  projectId: string;
  gitlabProjectId: number;
  pathWithNamespace: string;
  webUrl: string;
  /** The project's read_api token, sealed; null: the project cannot be polled. */
  apiTokenSealed: string | null;
  /** The endpoint its alerts are queued under (its oldest enabled one); null: nowhere to queue them. */
  endpointId: string | null;
  /** The newest alert seen; null until a poll succeeded. */
  lastAlertIid: number | null;
  lastPolledAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/**
 * Why a project routing alerts is polled or not: `polling` (its last poll succeeded or none ran
 * yet), `failing` (polled, but its last poll failed: see `lastError`), `no_token` (it has no
 * read_api token) or `no_endpoint` (it has no enabled webhook endpoint to queue alerts under).
 */
export type AlertPollState = 'polling' | 'failing' | 'no_token' | 'no_endpoint';

export interface AlertPollStatus extends Omit<AlertPollTarget, 'apiTokenSealed'> {
  state: AlertPollState;
}

/** The projects with an active integration that routes `alert`, with their poll cursors, by path. */
export async function alertPollTargets(db: Db): Promise<AlertPollTarget[]> {
  const projects = await db.project.findMany({
    where: { integrations: { some: { active: true, routes: { some: { event: 'alert' } } } } },
    select: {
      id: true,
      gitlabProjectId: true,
      pathWithNamespace: true,
      webUrl: true,
      apiTokenSealed: true,
      endpoints: { where: { disabledAt: null }, orderBy: { createdAt: 'asc' }, take: 1, select: { id: true } },
      alertPoll: true,
    },
    orderBy: { pathWithNamespace: 'asc' },
  });
  return projects.map((project) => ({
    projectId: project.id,
    gitlabProjectId: project.gitlabProjectId,
    pathWithNamespace: project.pathWithNamespace,
    webUrl: project.webUrl,
    apiTokenSealed: project.apiTokenSealed,
    endpointId: project.endpoints[0]?.id ?? null,
    lastAlertIid: project.alertPoll?.lastAlertIid ?? null,
    lastPolledAt: project.alertPoll?.lastPolledAt ?? null,
    lastError: project.alertPoll?.lastError ?? null,
    lastErrorAt: project.alertPoll?.lastErrorAt ?? null,
  }));
}

/** Whether the poller can poll this project, and how its last poll went. */
export function alertPollState(
  target: Pick<AlertPollTarget, 'apiTokenSealed' | 'endpointId' | 'lastError'>,
): AlertPollState {
  if (!target.apiTokenSealed) return 'no_token';
  if (!target.endpointId) return 'no_endpoint';
  return target.lastError ? 'failing' : 'polling';
}

/** Alert polling, project by project, for operators (the admin API): no token is shown. */
export async function alertPollingStatus(db: Db): Promise<AlertPollStatus[]> {
  return (await alertPollTargets(db)).map(({ apiTokenSealed, ...target }) => ({
    ...target,
    state: alertPollState({ ...target, apiTokenSealed }),
  }));
}

/**
 * Records a successful poll: the newest alert seen, never moving back (two polls that overlap
 * may finish in either order), and clears the last error.
 */
export async function recordAlertPoll(
  db: Db,
  projectId: string,
  poll: { newestIid: number; polledAt: Date },
): Promise<void> {
  const cleared = { lastPolledAt: poll.polledAt, lastError: null, lastErrorAt: null };
  await db.alertPoll.upsert({
    where: { projectId },
    create: { projectId, lastAlertIid: poll.newestIid, ...cleared },
    update: cleared,
  });
  await db.alertPoll.updateMany({
    where: { projectId, OR: [{ lastAlertIid: null }, { lastAlertIid: { lt: poll.newestIid } }] },
    data: { lastAlertIid: poll.newestIid },
  });
}

/** Records a failed poll; the cursor stays where it was, so the next poll picks up from there. */
export async function recordAlertPollError(
  db: Db,
  projectId: string,
  failure: { message: string; polledAt: Date },
): Promise<void> {
  const message = failure.message.slice(0, 500);
  await db.alertPoll.upsert({
    where: { projectId },
    create: { projectId, lastPolledAt: failure.polledAt, lastError: message, lastErrorAt: failure.polledAt },
    update: { lastPolledAt: failure.polledAt, lastError: message, lastErrorAt: failure.polledAt },
  });
}
