import { type Db } from '../client';
import { type AuditEntry } from '../generated/prisma/client';
import { createdWithin, type Page, type PageRequest, pageArgs, pageOf, type TimeRange } from './pages';

/**
 * What the audit log is searched by. What its writers record (queries/admin-*.ts, and the
 * command-handler's subscription changes): `action` is `<entity>.<verb>` (`project.create`,
 * `endpoint.disable`, `delivery.replay`, …); `target` is the bare id of the row acted on (a
 * project, integration, endpoint, delivery, Slack installation, Mattermost connection or command:
 * the action says which; entries about a project's parts carry `details.projectId`); `actor` is
 * who did it: `admin-api` or the request's `X-Chatops-Actor`, `cli`, or
 * `<slack|mattermost>:<chat user id> (@<GitLab username>)` for a slash command.
 */
export interface AuditFilter extends TimeRange {
  /** Exactly this actor. */
  actor?: string | undefined;
  /** Exactly this action. */
  action?: string | undefined;
  /**
   * Targets starting with this. A whole id finds its own entries: ids of a kind all have one length
   * (cuids, or 32 hex digits for endpoints), so none is the start of another.
   */
  target?: string | undefined;
}

/** Prisma passes `startsWith` to LIKE as it is, and ids hold `_`: LIKE's wildcards are escaped. */
const literalPrefix = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The audit log, newest first. Only `createdAt` is indexed: the log grows with administrative
 * changes (a few a day), so the other filters read the rows of the time range.
 */
export async function listAuditEntries(db: Db, filter: AuditFilter & PageRequest): Promise<Page<AuditEntry>> {
  const rows = await db.auditEntry.findMany({
    where: {
      ...(filter.actor !== undefined ? { actor: filter.actor } : {}),
      ...(filter.action !== undefined ? { action: filter.action } : {}),
      ...(filter.target !== undefined ? { target: { startsWith: literalPrefix(filter.target) } } : {}),
      ...createdWithin(filter),
    },
    ...pageArgs(filter),
  });
  return pageOf(rows, filter);
}
