import { type Db } from '../client';
import { type Prisma } from '../generated/prisma/client';
import { type DeliveryStatus } from '../generated/prisma/enums';
import { type AuditContext } from './admin-integrations';

// The rendered body stays out of listings: it can be large, and the attempts say what happened.
const deliveryRecord = {
  omit: { body: true },
  include: { attemptLog: { orderBy: [{ attempt: 'asc' }, { createdAt: 'asc' }] } },
} satisfies Prisma.DeliveryDefaultArgs;

export type DeliveryRecord = Prisma.DeliveryGetPayload<typeof deliveryRecord>;

export interface PageRequest {
  limit: number;
  /** The id of the last item of the previous page. */
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Newest first; ties on createdAt broken by id so pages never skip or repeat rows. */
async function pageOf(db: Db, where: Prisma.DeliveryWhereInput, page: PageRequest): Promise<Page<DeliveryRecord>> {
  const rows = await db.delivery.findMany({
    where,
    ...deliveryRecord,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

/** One integration's delivery history, optionally of one status, with every attempt. */
export function listIntegrationDeliveries(
  db: Db,
  integrationId: string,
  filter: { status?: DeliveryStatus | undefined } & PageRequest,
): Promise<Page<DeliveryRecord>> {
  return pageOf(db, { integrationId, ...(filter.status ? { status: filter.status } : {}) }, filter);
}

/** Deliveries that gave up (permanent error or retries exhausted), across all integrations. */
export function listDeadLetters(db: Db, page: PageRequest): Promise<Page<DeliveryRecord>> {
  return pageOf(db, { status: 'failed' }, page);
}

export type ReplayPreparation =
  | { kind: 'ready' }
  | { kind: 'missing' }
  /**
   * Sent, or being posted right now: replaying would post it (again); or skipped: the routing
   * decision left it out, and it holds no message to post.
   */
  | { kind: 'refused'; status: DeliveryStatus };

/**
 * Puts a delivery back to `pending` for another round of tries (its attempt count and log are
 * kept, the last error cleared) and records who asked. The caller then enqueues a `deliveries` job;
 * if that fails, the delivery stays pending and replaying it again is allowed.
 */
export function prepareDeliveryReplay(db: Db, id: string, audit: AuditContext): Promise<ReplayPreparation> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.delivery.updateMany({
      where: { id, status: { notIn: ['sent', 'sending', 'skipped'] } },
      data: { status: 'pending', lastErrorCode: null, lastErrorMessage: null },
    });
    if (count === 0) {
      const existing = await tx.delivery.findUnique({ where: { id }, select: { status: true } });
      return existing ? { kind: 'refused', status: existing.status } : { kind: 'missing' };
    }
    await tx.auditEntry.create({
      data: { actor: audit.actor, action: 'delivery.replay', target: id, details: audit.details ?? {} },
    });
    return { kind: 'ready' };
  });
}
