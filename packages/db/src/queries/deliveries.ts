import { randomUUID } from 'node:crypto';
import { DatabaseError } from 'pg';
import { type SqlPool } from '../client';
import { GroupCommit, perPool } from '../group-commit';
import { statementName } from '../statement-names';

/*
 * The notifier's per-message statements (plan, claim, record), on node-postgres rather than Prisma,
 * with plans and records batched by a group commit. See docs/delivery.md#group-commit. Rows they
 * insert get UUIDs where Prisma makes cuids; timestamps are written in UTC, as Prisma writes them.
 * The batched record is sent unnamed: see docs/delivery.md#the-generic-plan-trap. The others are
 * named unless the pool forbids it (behind PgBouncer in transaction mode: docs/scale-out.md).
 */

/** Two statements of a kind in flight per pool; a batch PostgreSQL refused goes again write by write. */
const BATCHING = {
  maxInFlight: 2,
  maxBatch: 100,
  isRejection: (error: unknown) => error instanceof DatabaseError,
} as const;

/** The event a set of deliveries is for. */
export interface DeliveryEvent {
  endpointId: string;
  eventKey: string;
  /** The integration event it was routed as (push, confidential_issue, ...). */
  eventKind: string;
  /** The GitLab object the message is about, for threading; null when none. */
  threadKey: string | null;
}

/** One channel of one integration that should get the event. */
export interface DeliveryTargetRow {
  integrationId: string;
  channel: string;
  /** The rendered provider body: any JSON-serialisable object. */
  body: object;
  /** Insert it claimed already (`sending`), for a try that posts it right away. */
  claim?: boolean;
  /** Not to be sent: recorded `skipped` with why (the routing decision), so operators can read it. */
  skip?: { code: string; message: string };
}

/** A planned delivery as the router needs it: what to enqueue, and whether it still needs posting. */
export interface PlannedDeliveryRow {
  id: string;
  integrationId: string;
  channel: string;
  status: string;
  /** Tries recorded so far (an event run again finds some). */
  attempts: number;
  /** Inserted by this call, claimed as asked: the caller's to post, and no one else's. */
  claimed: boolean;
}

/**
 * Records the deliveries an event needs and returns all of them, including ones an earlier run
 * for the same event recorded (the unique key). See docs/delivery.md#the-routing-job.
 */
export async function planDeliveries(
  sql: SqlPool,
  event: DeliveryEvent,
  targets: DeliveryTargetRow[],
): Promise<PlannedDeliveryRow[]> {
  if (targets.length === 0) return [];
  const created = await planners(sql).submit({ event, targets });
  // The usual case (a new event) is one statement; only a redelivered event reads back rows that exist.
  if (created.length === targets.length) return created;
  const existing = await sql.query<PlannedDeliveryRow>({
    name: statementName(sql, 'chatops_planned_deliveries'),
    text: `SELECT id, "integrationId", channel, status::text AS status, attempts, false AS claimed FROM "Delivery"
            WHERE "eventKey" = $1 AND "integrationId" = ANY($2::text[])`,
    values: [event.eventKey, [...new Set(targets.map((t) => t.integrationId))]],
  });
  const wanted = new Set(targets.map((t) => `${t.integrationId}\n${t.channel}`));
  // Rows this call inserted (some, when others existed) are read back too: keep them as inserted.
  const inserted = new Map(created.map((row) => [row.id, row]));
  return existing.rows
    .filter((row) => wanted.has(`${row.integrationId}\n${row.channel}`))
    .map((row) => inserted.get(row.id) ?? row);
}

interface PlanWrite {
  event: DeliveryEvent;
  targets: DeliveryTargetRow[];
}

/** Inserts the rows of several events at once; each event gets back the rows inserted for it. */
const planners = perPool(
  (sql: SqlPool) =>
    new GroupCommit<PlanWrite, PlannedDeliveryRow[]>((writes) => insertPlanned(sql, writes), {
      ...BATCHING,
      name: 'plan_deliveries',
      keyOf: (write) => write.event.eventKey,
    }),
);

async function insertPlanned(sql: SqlPool, writes: readonly PlanWrite[]): Promise<PlannedDeliveryRow[][]> {
  const rows = writes.flatMap(({ event, targets }) => targets.map((target) => ({ event, target })));
  const created = await sql.query<PlannedDeliveryRow & { eventKey: string }>({
    // Named: an insert from the batch's arrays reads no table, so a generic plan cannot go wrong
    // (docs/delivery.md#the-generic-plan-trap), and PostgreSQL skips parsing and planning it.
    name: statementName(sql, 'chatops_plan_deliveries'),
    text: `INSERT INTO "Delivery" (id, "integrationId", "endpointId", "eventKey", "eventKind", channel, "threadKey", body, status, "claimedAt", "lastErrorCode", "lastErrorMessage", "createdAt")
           SELECT t.id, t."integrationId", t."endpointId", t."eventKey", t."eventKind", t.channel, t."threadKey", t.body,
                  CASE WHEN t."skipCode" IS NOT NULL THEN 'skipped'::"DeliveryStatus"
                       WHEN t.claim THEN 'sending'::"DeliveryStatus" ELSE 'pending'::"DeliveryStatus" END,
                  CASE WHEN t.claim AND t."skipCode" IS NULL THEN now() AT TIME ZONE 'UTC' END,
                  t."skipCode", t."skipMessage",
                  now() AT TIME ZONE 'UTC'
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::boolean[], $10::text[], $11::text[])
                  AS t(id, "integrationId", "endpointId", "eventKey", "eventKind", channel, "threadKey", body, claim, "skipCode", "skipMessage")
           ON CONFLICT ("integrationId", "eventKey", channel) DO NOTHING
           RETURNING id, "integrationId", channel, "eventKey", status::text AS status, attempts, status = 'sending' AS claimed`,
    values: [
      rows.map(() => randomUUID()),
      rows.map(({ target }) => target.integrationId),
      rows.map(({ event }) => event.endpointId),
      rows.map(({ event }) => event.eventKey),
      rows.map(({ event }) => event.eventKind),
      rows.map(({ target }) => target.channel),
      rows.map(({ event }) => event.threadKey),
      rows.map(({ target }) => JSON.stringify(target.body)),
      rows.map(({ target }) => target.claim === true),
      rows.map(({ target }) => target.skip?.code ?? null),
      rows.map(({ target }) => target.skip?.message ?? null),
    ],
  });
  // A batch never holds one event twice (keyOf), so the event key tells whose row each is.
  const byEvent = new Map<string, PlannedDeliveryRow[]>(writes.map((write) => [write.event.eventKey, []]));
  for (const { eventKey, ...row } of created.rows) byEvent.get(eventKey)?.push(row);
  return writes.map((write) => byEvent.get(write.event.eventKey) ?? []);
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
  /** An earlier try claimed it long ago and never recorded how the post went (crash, timeout, lost lock). */
  | { kind: 'outcome_unknown'; delivery: DeliveryRow }
  /** Another try claimed it moments ago and may be posting it now: look again after `retryAfterMs`. */
  | { kind: 'in_progress'; retryAfterMs: number }
  | { kind: 'done' }
  | { kind: 'missing' };

/**
 * Takes a delivery for posting, atomically: `pending` → `sending` (stamping `claimedAt`), or a
 * `sending` one whose claim is at least `takeOverAfterMs` old. See docs/delivery.md#claims.
 */
export async function claimDelivery(sql: SqlPool, id: string, takeOverAfterMs: number): Promise<DeliveryClaim> {
  const claimed = await sql.query<DeliveryRow & { before: string; heldForMs: number | null }>({
    name: statementName(sql, 'chatops_claim_delivery'),
    text: `WITH old AS (
             SELECT id, status::text AS before,
                    (EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - COALESCE("claimedAt", "createdAt"))) * 1000)::bigint AS "heldForMs"
             FROM "Delivery" WHERE id = $1 FOR UPDATE
           ), taken AS (
             UPDATE "Delivery" d SET status = 'sending', "claimedAt" = now() AT TIME ZONE 'UTC'
             FROM old
             WHERE d.id = old.id AND (old.before = 'pending' OR (old.before = 'sending' AND old."heldForMs" >= $2::bigint))
             RETURNING d.id, d."integrationId", d.channel, d.body, d."threadKey", d.status::text AS status
           )
           SELECT taken.*, old.before, old."heldForMs" FROM old LEFT JOIN taken ON taken.id = old.id`,
    values: [id, takeOverAfterMs],
  });
  const row = claimed.rows[0];
  if (!row) return { kind: 'missing' };
  const { before, heldForMs, ...delivery } = row;
  if (delivery.id === null) {
    return before === 'sending'
      ? { kind: 'in_progress', retryAfterMs: Math.max(1000, takeOverAfterMs - Number(heldForMs ?? 0)) }
      : { kind: 'done' };
  }
  return before === 'pending' ? { kind: 'claimed', delivery } : { kind: 'outcome_unknown', delivery };
}

export interface StaleDeliveryRow {
  id: string;
  status: 'pending' | 'sending';
  attempts: number;
  /** Where the next page starts (with the id): the row's planning time, as PostgreSQL wrote it. */
  createdAt: string;
}

/** A position in the stale deliveries, to page on from. */
export type StaleDeliveryCursor = Pick<StaleDeliveryRow, 'createdAt' | 'id'>;

/**
 * Deletes up to `limit` finished deliveries (sent, failed, skipped) created more than `olderThanMs`
 * ago, with their attempts, oldest first; returns how many went. Unfinished ones are never pruned: the
 * sweeper still owes them a try. See docs/operations.md#delivery-retention.
 */
export async function pruneDeliveries(sql: SqlPool, olderThanMs: number, limit: number): Promise<number> {
  const deleted = await sql.query({
    // Unnamed: once a minute needs no prepared statement (nor one a transaction-mode pooler must track).
    text: `DELETE FROM "Delivery" WHERE id IN (
             SELECT id FROM "Delivery"
              WHERE status IN ('sent', 'failed', 'skipped')
                AND "createdAt" < now() AT TIME ZONE 'UTC' - $1::bigint * interval '1 millisecond'
              ORDER BY "createdAt" LIMIT $2)`,
    values: [olderThanMs, limit],
  });
  return deleted.rowCount ?? 0;
}

/**
 * Deliveries not finished long after they were planned or last claimed, oldest first, `limit` at a
 * time after `after`: candidates for the sweeper (docs/delivery.md#the-sweeper).
 */
export async function findStaleDeliveries(
  sql: SqlPool,
  olderThanMs: number,
  limit: number,
  after?: StaleDeliveryCursor,
): Promise<StaleDeliveryRow[]> {
  const result = await sql.query<StaleDeliveryRow>({
    name: statementName(sql, 'chatops_find_stale_deliveries'),
    text: `SELECT id, status::text AS status, attempts, "createdAt"::text AS "createdAt" FROM "Delivery"
           WHERE status IN ('pending', 'sending')
             AND COALESCE("claimedAt", "createdAt") < now() AT TIME ZONE 'UTC' - $1::bigint * interval '1 millisecond'
             AND ($3::timestamp IS NULL OR ("createdAt", id) > ($3::timestamp, $4::text))
           ORDER BY "createdAt", id LIMIT $2`,
    values: [olderThanMs, limit, after?.createdAt ?? null, after?.id ?? ''],
  });
  return result.rows;
}

/** Where a delivery goes: for jobs enqueued without a pacing key (replays). */
export async function findDeliveryChannel(
  sql: SqlPool,
  id: string,
): Promise<{ integrationId: string; channel: string } | undefined> {
  const found = await sql.query<{ integrationId: string; channel: string }>({
    name: statementName(sql, 'chatops_delivery_channel'),
    text: `SELECT "integrationId", channel FROM "Delivery" WHERE id = $1`,
    values: [id],
  });
  return found.rows[0];
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

/** Records one try and moves the delivery to its resulting state, atomically. Tries recorded at the same moment share one statement. */
export async function recordDeliveryAttempt(
  sql: SqlPool,
  deliveryId: string,
  record: AttemptRecord,
  result: { remoteMessageId?: string | undefined } = {},
): Promise<void> {
  await recorders(sql).submit({
    id: randomUUID(),
    deliveryId,
    record,
    remoteMessageId: result.remoteMessageId ?? null,
  });
}

interface AttemptWrite {
  id: string;
  deliveryId: string;
  record: AttemptRecord;
  remoteMessageId: string | null;
}

/** A statement can move a delivery once: two tries of one delivery never share it (keyOf). */
const recorders = perPool(
  (sql: SqlPool) =>
    new GroupCommit<AttemptWrite, void>((writes) => insertAttempts(sql, writes), {
      ...BATCHING,
      name: 'record_delivery_attempts',
      keyOf: (write) => write.deliveryId,
    }),
);

async function insertAttempts(sql: SqlPool, writes: readonly AttemptWrite[]): Promise<void[]> {
  await sql.query({
    // Unnamed, so planned for each batch: see docs/delivery.md#the-generic-plan-trap.
    text: `WITH r AS (
             SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::text[])
                    AS r(id, "deliveryId", attempt, outcome, "errorCode", "errorMessage", "httpStatus", "durationMs", "remoteMessageId")
           ), attempt AS (
             INSERT INTO "DeliveryAttempt" (id, "deliveryId", attempt, outcome, "errorCode", "errorMessage", "httpStatus", "durationMs", "createdAt")
             SELECT id, "deliveryId", attempt, outcome, "errorCode", "errorMessage", "httpStatus", "durationMs", now() AT TIME ZONE 'UTC' FROM r
           )
           UPDATE "Delivery" d SET
             status = (CASE r.outcome WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'pending' END)::"DeliveryStatus",
             attempts = d.attempts + 1,
             "lastErrorCode" = r."errorCode",
             "lastErrorMessage" = r."errorMessage",
             "sentAt" = CASE WHEN r.outcome = 'sent' THEN now() AT TIME ZONE 'UTC' ELSE d."sentAt" END,
             "remoteMessageId" = CASE WHEN r.outcome = 'sent' THEN r."remoteMessageId" ELSE d."remoteMessageId" END
           FROM r WHERE d.id = r."deliveryId"`,
    values: [
      writes.map((w) => w.id),
      writes.map((w) => w.deliveryId),
      writes.map((w) => w.record.attempt),
      writes.map((w) => w.record.outcome),
      writes.map((w) => w.record.errorCode ?? null),
      writes.map((w) => w.record.errorMessage ?? null),
      writes.map((w) => w.record.httpStatus ?? null),
      writes.map((w) => w.record.durationMs),
      writes.map((w) => (w.record.outcome === 'sent' ? w.remoteMessageId : null)),
    ],
  });
  return writes.map(() => undefined);
}
