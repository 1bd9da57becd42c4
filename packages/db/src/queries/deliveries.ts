import { randomUUID } from 'node:crypto';
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
  const data = planned.map((p) => ({ ...p, body: p.body as Prisma.InputJsonObject }));
  // The usual case (a new event) is one statement; only a redelivered event reads back rows that exist.
  const created = await db.delivery.createManyAndReturn({ data, skipDuplicates: true });
  if (created.length === planned.length) return created;
  return db.delivery.findMany({
    where: { OR: planned.map((p) => ({ integrationId: p.integrationId, eventKey: p.eventKey, channel: p.channel })) },
  });
}

/** The columns of a delivery the notifier needs to post it. */
export interface DeliveryRow {
  id: string;
  integrationId: string;
  channel: string;
  body: unknown;
  threadKey: string | null;
  status: string;
}

export type DeliveryClaim =
  | { kind: 'claimed'; delivery: DeliveryRow }
  /** An earlier try claimed it and never recorded how the post went (crash, timeout, lost lock). */
  | { kind: 'outcome_unknown'; delivery: DeliveryRow }
  | { kind: 'done' }
  | { kind: 'missing' };

/**
 * Takes a pending delivery for posting, atomically (`pending` → `sending`), so a retry, a stalled
 * job or another replica never posts a delivery that is already sent, failed or being posted.
 * One raw statement on the hot path: Prisma's model queries cost several times more CPU here.
 */
export async function claimDelivery(db: Db, id: string): Promise<DeliveryClaim> {
  const claimed = await db.$queryRaw<DeliveryRow[]>`
    UPDATE "Delivery" SET status = 'sending' WHERE id = ${id} AND status = 'pending'
    RETURNING id, "integrationId", channel, body, "threadKey", status::text AS status`;
  if (claimed[0]) return { kind: 'claimed', delivery: claimed[0] };
  const [current] = await db.$queryRaw<DeliveryRow[]>`
    SELECT id, "integrationId", channel, body, "threadKey", status::text AS status FROM "Delivery" WHERE id = ${id}`;
  if (!current) return { kind: 'missing' };
  return current.status === 'sending' ? { kind: 'outcome_unknown', delivery: current } : { kind: 'done' };
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

/** Records one try and moves the delivery to its resulting state, atomically, in one statement. */
export async function recordDeliveryAttempt(
  db: Db,
  deliveryId: string,
  record: AttemptRecord,
  result: { remoteMessageId?: string | undefined } = {},
): Promise<void> {
  const status = record.outcome === 'sent' ? 'sent' : record.outcome === 'failed' ? 'failed' : 'pending';
  const sent = record.outcome === 'sent';
  const errorCode = record.errorCode ?? null;
  const errorMessage = record.errorMessage ?? null;
  await db.$executeRaw`
    WITH attempt AS (
      INSERT INTO "DeliveryAttempt" (id, "deliveryId", attempt, outcome, "errorCode", "errorMessage", "httpStatus", "durationMs", "createdAt")
      VALUES (${randomUUID()}, ${deliveryId}, ${record.attempt}::int, ${record.outcome}, ${errorCode}::text, ${errorMessage}::text,
              ${record.httpStatus ?? null}::int, ${record.durationMs}::int, now())
    )
    UPDATE "Delivery" SET
      status = ${status}::"DeliveryStatus",
      attempts = attempts + 1,
      "lastErrorCode" = ${errorCode}::text,
      "lastErrorMessage" = ${errorMessage}::text,
      "sentAt" = CASE WHEN ${sent}::boolean THEN now() ELSE "sentAt" END,
      "remoteMessageId" = CASE WHEN ${sent}::boolean THEN ${result.remoteMessageId ?? null}::text ELSE "remoteMessageId" END
    WHERE id = ${deliveryId}`;
}
