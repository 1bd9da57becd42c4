import { type Db } from '../client';
import { Prisma } from '../generated/prisma/client';

const HOUR_MS = 3_600_000;
const SLOWEST_CHANNELS = 5;

/** Deliveries created in a window, by the status they have now. */
export interface DeliveryCounts {
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
}

export interface DeliveryWindow {
  /** GitLab events that led to at least one delivery (distinct event keys). */
  events: number;
  deliveries: DeliveryCounts;
  /** sent / (sent + failed); null when none is finished either way. */
  successRate: number | null;
}

/** How long posting to one channel of one integration takes, over its tries of the last day. */
export interface ChannelLatency {
  integrationId: string;
  integrationName: string;
  projectPath: string;
  /** '' for a webhook integration's own channel. */
  channel: string;
  /** Deliveries with at least one try in the last day. */
  deliveries: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface DeliveryStats {
  windows: { lastHour: DeliveryWindow; lastDay: DeliveryWindow };
  /** The five channels whose tries were slowest at the 95th percentile. */
  slowestChannels: ChannelLatency[];
}

export interface DeliveryStatsScope {
  now: Date;
  /** Only these projects' integrations (chatops project ids); all when absent. */
  projectIds?: readonly string[] | undefined;
}

// Bounds are passed as ISO text with its zone and turned into the UTC timestamps Prisma stores,
// so the session's TimeZone cannot shift them.
const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

type WindowRow = { name: 'lastHour' | 'lastDay'; events: number } & DeliveryCounts;

/**
 * The last hour and day by the deliveries created in them. `status = ANY(every status)` lets the
 * planner range-scan Delivery's (status, createdAt) index once per status instead of reading the
 * table; with projects given, their integrations' (integrationId, createdAt) index serves instead.
 */
async function deliveryWindows(db: Db, { now, projectIds }: DeliveryStatsScope): Promise<DeliveryStats['windows']> {
  const dayStart = new Date(now.getTime() - 24 * HOUR_MS);
  const hourStart = new Date(now.getTime() - HOUR_MS);
  const inProjects = projectIds
    ? Prisma.sql`AND d."integrationId" IN (SELECT i.id FROM "Integration" i WHERE i."projectId" = ANY(${projectIds}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<WindowRow[]>`
    WITH recent AS (
      SELECT d.status, d."eventKey", d."createdAt"
      FROM "Delivery" d
      WHERE d.status = ANY (enum_range(NULL::"DeliveryStatus"))
        AND d."createdAt" >= ${utc(dayStart)}
        ${inProjects}
    )
    SELECT w.name,
           count(DISTINCT r."eventKey")::int AS events,
           count(*) FILTER (WHERE r.status = 'pending')::int AS pending,
           count(*) FILTER (WHERE r.status = 'sending')::int AS sending,
           count(*) FILTER (WHERE r.status = 'sent')::int AS sent,
           count(*) FILTER (WHERE r.status = 'failed')::int AS failed,
           count(*) FILTER (WHERE r.status = 'skipped')::int AS skipped
    FROM (VALUES ('lastHour', ${utc(hourStart)}), ('lastDay', ${utc(dayStart)})) AS w(name, since)
    LEFT JOIN recent r ON r."createdAt" >= w.since
    GROUP BY w.name`;
  const window = (name: WindowRow['name']): DeliveryWindow => {
    const row = rows.find((r) => r.name === name);
    const deliveries = {
      pending: row?.pending ?? 0,
      sending: row?.sending ?? 0,
      sent: row?.sent ?? 0,
      failed: row?.failed ?? 0,
      skipped: row?.skipped ?? 0,
    };
    const finished = deliveries.sent + deliveries.failed;
    return { events: row?.events ?? 0, deliveries, successRate: finished === 0 ? null : deliveries.sent / finished };
  };
  return { lastHour: window('lastHour'), lastDay: window('lastDay') };
}

/**
 * The channels slowest to post to over the last day, by the 95th percentile of their tries'
 * durations (every try counts, failed ones too: a chat that times out is slow). The tries are
 * found by DeliveryAttempt's createdAt index, their deliveries by id. (Checked with 1M deliveries,
 * 35k of them in the last day: 60 ms for the windows, 100–220 ms for this, on 2 shared cores.)
 */
async function slowestChannels(db: Db, { now, projectIds }: DeliveryStatsScope): Promise<ChannelLatency[]> {
  const dayStart = new Date(now.getTime() - 24 * HOUR_MS);
  const inProjects = projectIds ? Prisma.sql`AND i."projectId" = ANY(${projectIds})` : Prisma.empty;
  const rows = await db.$queryRaw<ChannelLatency[]>`
    SELECT d."integrationId",
           i.name AS "integrationName",
           p."pathWithNamespace" AS "projectPath",
           d.channel,
           count(DISTINCT d.id)::int AS deliveries,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY a."durationMs") AS "p50Ms",
           percentile_cont(0.95) WITHIN GROUP (ORDER BY a."durationMs") AS "p95Ms",
           max(a."durationMs") AS "maxMs"
    FROM "DeliveryAttempt" a
    JOIN "Delivery" d ON d.id = a."deliveryId"
    JOIN "Integration" i ON i.id = d."integrationId"
    JOIN "Project" p ON p.id = i."projectId"
    WHERE a."createdAt" >= ${utc(dayStart)}
      ${inProjects}
    GROUP BY d."integrationId", i.name, p."pathWithNamespace", d.channel
    ORDER BY "p95Ms" DESC, "maxMs" DESC, d."integrationId", d.channel
    LIMIT ${SLOWEST_CHANNELS}`;
  return rows.map((r) => ({ ...r, p50Ms: Math.round(r.p50Ms), p95Ms: Math.round(r.p95Ms) }));
}

/** What a dashboard shows of deliveries at a glance, from the delivery log. */
export async function deliveryStats(db: Db, scope: DeliveryStatsScope): Promise<DeliveryStats> {
  const [windows, slowest] = await Promise.all([deliveryWindows(db, scope), slowestChannels(db, scope)]);
  return { windows, slowestChannels: slowest };
}
