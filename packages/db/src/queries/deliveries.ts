import { type Db } from '../client';
import { type Delivery, type Prisma } from '../generated/prisma/client';

export interface PlannedDelivery {
  integrationId: string;
  endpointId: string;
  eventKey: string;
  eventKind: string;
  channel: string;
  /** The GitLab object the message is about, for threading; null when none. */
  threadKey: string | null;
  /** The rendered provider body: any JSON-serialisable object. */
  body: object;
}

/**
 * Records the deliveries an event needs and returns all of them, including ones an earlier
 * attempt at the same event already recorded: the unique (integration, event, channel) key makes
 * a redelivered or retried event plan the same rows instead of new ones.
 */
export async function planDeliveries(db: Db, planned: PlannedDelivery[]): Promise<Delivery[]> {
  if (planned.length === 0) return [];
  // Bodies are plain JSON built by the renderers; Prisma's JSON input type cannot express that.
  await db.delivery.createMany({ data: planned.map((p) => ({ ...p, body: p.body as Prisma.InputJsonObject })), skipDuplicates: true });
  return db.delivery.findMany({
    where: { OR: planned.map((p) => ({ integrationId: p.integrationId, eventKey: p.eventKey, channel: p.channel })) },
  });
}

const deliveryWithDestination = {
  include: { integration: { include: { slackInstallation: true, mattermostConnection: true } } },
} satisfies Prisma.DeliveryDefaultArgs;

export type DeliveryWithDestination = Prisma.DeliveryGetPayload<typeof deliveryWithDestination>;

export function findDeliveryWithDestination(db: Db, id: string): Promise<DeliveryWithDestination | null> {
  return db.delivery.findUnique({ where: { id }, ...deliveryWithDestination });
}

export type DeliveryClaim =
  | { kind: 'claimed'; delivery: DeliveryWithDestination }
  /** An earlier try claimed it and never recorded how the post went (crash, timeout, lost lock). */
  | { kind: 'outcome_unknown'; delivery: DeliveryWithDestination }
  | { kind: 'done' }
  | { kind: 'missing' };

/**
 * Takes a pending delivery for posting, atomically (`pending` → `sending`), so a retry, a stalled
 * job or another replica never posts a delivery that is already sent, failed or being posted.
 */
export async function claimDelivery(db: Db, id: string): Promise<DeliveryClaim> {
  const { count } = await db.delivery.updateMany({ where: { id, status: 'pending' }, data: { status: 'sending' } });
  const delivery = await findDeliveryWithDestination(db, id);
  if (!delivery) return { kind: 'missing' };
  if (count === 1) return { kind: 'claimed', delivery };
  return delivery.status === 'sending' ? { kind: 'outcome_unknown', delivery } : { kind: 'done' };
}

export interface AttemptRecord {
  attempt: number;
  /** `retry` puts the delivery back to pending; `sent` and `failed` are final. */
  outcome: 'sent' | 'retry' | 'failed';
  errorCode?: string;
  errorMessage?: string;
  httpStatus?: number;
  durationMs: number;
}

/** Records one try and moves the delivery to its resulting state, atomically. */
export async function recordDeliveryAttempt(
  db: Db,
  deliveryId: string,
  record: AttemptRecord,
  result: { remoteMessageId?: string | undefined } = {},
): Promise<void> {
  const status = record.outcome === 'sent' ? 'sent' : record.outcome === 'failed' ? 'failed' : 'pending';
  await db.$transaction([
    db.deliveryAttempt.create({ data: { deliveryId, ...record } }),
    db.delivery.update({
      where: { id: deliveryId },
      data: {
        status,
        attempts: { increment: 1 },
        lastErrorCode: record.errorCode ?? null,
        lastErrorMessage: record.errorMessage ?? null,
        ...(record.outcome === 'sent' ? { sentAt: new Date(), remoteMessageId: result.remoteMessageId ?? null } : {}),
      },
    }),
  ]);
}
