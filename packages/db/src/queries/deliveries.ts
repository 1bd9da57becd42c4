import { randomUUID } from 'node:crypto';
import { type SqlPool } from '../client';

/*
 * The notifier's per-message statements: plan, claim, record. They run for every message, so they
 * skip Prisma (whose query compiler and runtime cost about a millisecond of CPU per query, more
 * than everything else the notifier does per message) and go to node-postgres as named prepared
 * statements: each connection parses them once, then only binds values. Rows they insert get
 * UUIDs where Prisma would have made cuids; both are plain text ids to everything else.
 * Timestamps are written in UTC, as Prisma writes them, whatever the server's time zone.
 */

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
 * Records the deliveries an event needs and returns all of them, including ones an earlier
 * attempt at the same event already recorded: the unique (integration, event, channel) key makes
 * a redelivered or retried event plan the same rows instead of new ones.
 */
export async function planDeliveries(sql: SqlPool, event: DeliveryEvent, targets: DeliveryTargetRow[]): Promise<PlannedDeliveryRow[]> {
  if (targets.length === 0) return [];
  const created = await sql.query<PlannedDeliveryRow>({
    name: 'chatops_plan_deliveries',
    text: `INSERT INTO "Delivery" (id, "integrationId", "endpointId", "eventKey", "eventKind", channel, "threadKey", body, status, "claimedAt", "createdAt")
           SELECT t.id, t."integrationId", $3, $4, $5, t.channel, $6, t.body,
                  CASE WHEN t.claim THEN 'sending'::"DeliveryStatus" ELSE 'pending'::"DeliveryStatus" END,
                  CASE WHEN t.claim THEN now() AT TIME ZONE 'UTC' END,
                  now() AT TIME ZONE 'UTC'
             FROM unnest($1::text[], $2::text[], $7::text[], $8::jsonb[], $9::boolean[]) AS t(id, "integrationId", channel, body, claim)
           ON CONFLICT ("integrationId", "eventKey", channel) DO NOTHING
           RETURNING id, "integrationId", channel, status::text AS status, attempts, status = 'sending' AS claimed`,
    values: [
      targets.map(() => randomUUID()),
      targets.map((t) => t.integrationId),
      event.endpointId,
      event.eventKey,
      event.eventKind,
      event.threadKey,
      targets.map((t) => t.channel),
      targets.map((t) => JSON.stringify(t.body)),
      targets.map((t) => t.claim === true),
    ],
  });
  // The usual case (a new event) is one statement; only a redelivered event reads back rows that exist.
  if (created.rows.length === targets.length) return created.rows;
  const existing = await sql.query<PlannedDeliveryRow>({
    name: 'chatops_planned_deliveries',
    text: `SELECT id, "integrationId", channel, status::text AS status, attempts, false AS claimed FROM "Delivery"
            WHERE "eventKey" = $1 AND "integrationId" = ANY($2::text[])`,
    values: [event.eventKey, [...new Set(targets.map((t) => t.integrationId))]],
  });
  const wanted = new Set(targets.map((t) => `${t.integrationId}\n${t.channel}`));
  // Rows this call inserted (some, when others existed) are read back too: keep them as inserted.
  const inserted = new Map(created.rows.map((row) => [row.id, row]));
  return existing.rows.filter((row) => wanted.has(`${row.integrationId}\n${row.channel}`)).map((row) => inserted.get(row.id) ?? row);
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
 * Takes a delivery for posting, atomically (`pending` → `sending`, stamping `claimedAt`), so a
 * retry, a stalled job or another replica never posts a delivery that is already sent, failed or
 * being posted. A delivery found `sending` is another try's: while its claim is younger than
 * `takeOverAfterMs` (longer than any live try can take) that try may be posting it right now, so
 * it is left alone (`in_progress`); after that the try is presumed dead and its outcome unknown,
 * and the delivery is claimed anew.
 */
export async function claimDelivery(sql: SqlPool, id: string, takeOverAfterMs: number): Promise<DeliveryClaim> {
  const claimed = await sql.query<DeliveryRow & { before: string; heldForMs: number | null }>({
    name: 'chatops_claim_delivery',
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
    return before === 'sending' ? { kind: 'in_progress', retryAfterMs: Math.max(1000, takeOverAfterMs - Number(heldForMs ?? 0)) } : { kind: 'done' };
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
 * Deliveries not finished long after they were planned or last claimed, oldest first, `limit` at a
 * time after `after`: candidates for the sweeper, which checks whether a job still holds each.
 */
export async function findStaleDeliveries(sql: SqlPool, olderThanMs: number, limit: number, after?: StaleDeliveryCursor): Promise<StaleDeliveryRow[]> {
  const result = await sql.query<StaleDeliveryRow>({
    name: 'chatops_find_stale_deliveries',
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
export async function findDeliveryChannel(sql: SqlPool, id: string): Promise<{ integrationId: string; channel: string } | undefined> {
  const found = await sql.query<{ integrationId: string; channel: string }>({
    name: 'chatops_delivery_channel',
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

/** Records one try and moves the delivery to its resulting state, atomically, in one statement. */
export async function recordDeliveryAttempt(
  sql: SqlPool,
  deliveryId: string,
  record: AttemptRecord,
  result: { remoteMessageId?: string | undefined } = {},
): Promise<void> {
  const status = record.outcome === 'sent' ? 'sent' : record.outcome === 'failed' ? 'failed' : 'pending';
  const sent = record.outcome === 'sent';
  await sql.query({
    name: 'chatops_record_delivery_attempt',
    text: `WITH attempt AS (
             INSERT INTO "DeliveryAttempt" (id, "deliveryId", attempt, outcome, "errorCode", "errorMessage", "httpStatus", "durationMs", "createdAt")
             VALUES ($1, $2, $3::int, $4, $5::text, $6::text, $7::int, $8::int, now() AT TIME ZONE 'UTC')
           )
           UPDATE "Delivery" SET
             status = $9::"DeliveryStatus",
             attempts = attempts + 1,
             "lastErrorCode" = $5::text,
             "lastErrorMessage" = $6::text,
             "sentAt" = CASE WHEN $10::boolean THEN now() AT TIME ZONE 'UTC' ELSE "sentAt" END,
             "remoteMessageId" = CASE WHEN $10::boolean THEN $11::text ELSE "remoteMessageId" END
           WHERE id = $2`,
    values: [
      randomUUID(),
      deliveryId,
      record.attempt,
      record.outcome,
      record.errorCode ?? null,
      record.errorMessage ?? null,
      record.httpStatus ?? null,
      record.durationMs,
      status,
      sent,
      result.remoteMessageId ?? null,
    ],
  });
}
