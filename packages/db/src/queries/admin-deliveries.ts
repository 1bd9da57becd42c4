import { type Db } from '../client';
import { type Prisma } from '../generated/prisma/client';
import { type DeliveryStatus } from '../generated/prisma/enums';
import { type AuditContext } from './admin-integrations';
import { createdWithin, type Page, type PageRequest, pageArgs, pageOf, type TimeRange } from './pages';

// The rendered body stays out of listings: it can be large, and the attempts say what happened.
const deliveryRecord = {
  omit: { body: true },
  include: { attemptLog: { orderBy: [{ attempt: 'asc' }, { createdAt: 'asc' }] } },
} satisfies Prisma.DeliveryDefaultArgs;

export type DeliveryRecord = Prisma.DeliveryGetPayload<typeof deliveryRecord>;

/** Newest first, in pages. */
async function deliveryPage(
  db: Db,
  where: Prisma.DeliveryWhereInput,
  page: PageRequest,
): Promise<Page<DeliveryRecord>> {
  return pageOf(await db.delivery.findMany({ where, ...deliveryRecord, ...pageArgs(page) }), page);
}

/** One integration's delivery history, optionally of one status and time range, with every attempt. */
export function listIntegrationDeliveries(
  db: Db,
  integrationId: string,
  filter: { status?: DeliveryStatus | undefined; channel?: string | undefined } & TimeRange & PageRequest,
): Promise<Page<DeliveryRecord>> {
  return deliveryPage(
    db,
    {
      integrationId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...createdWithin(filter),
    },
    filter,
  );
}

/** Deliveries that gave up (permanent error or retries exhausted), across all integrations. */
export function listDeadLetters(db: Db, filter: TimeRange & PageRequest): Promise<Page<DeliveryRecord>> {
  return deliveryPage(db, { status: 'failed', ...createdWithin(filter) }, filter);
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
