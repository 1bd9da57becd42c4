import { PrivatePgBouncer } from '@chatops/test-support/pgbouncer';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { seedSlackIntegration, type SeededSlackIntegration } from '@chatops/test-support/seed';
import { createDatabase, type Database } from './client';
import { prepareDeliveryReplay } from './queries/admin-deliveries';
import {
  claimDelivery,
  findDeliveryChannel,
  findStaleDeliveries,
  planDeliveries,
  recordDeliveryAttempt,
} from './queries/deliveries';
import { claimThreadRoot, saveThreadRoot } from './queries/thread-anchors';

const EVENTS = 30;
const CLIENTS = 8;
const SERVER_CONNECTIONS = 2;

/**
 * The database code behind PgBouncer in transaction pooling mode (docs/scale-out.md): eight
 * clients take turns on two server connections, so any state a statement left in its session
 * (a named statement, a lock, a SET) would meet another client. The PgBouncer is Debian's (1.18,
 * which tracks no prepared statements); scripts/infra.sh installs it for `make test`.
 */
describe('behind PgBouncer in transaction mode', () => {
  const bouncer = new PrivatePgBouncer({ defaultPoolSize: SERVER_CONNECTIONS, tracksPreparedStatements: false });
  let database: TestDatabase;
  let through: Database | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    await bouncer.start();
  });
  afterEach(async () => {
    await through?.close();
    through = undefined;
  });
  afterAll(async () => {
    await bouncer.stop();
    await database?.drop();
  });

  function connect(preparedStatements: boolean): Database {
    through = createDatabase(bouncer.urlFor(database.name), { poolSize: CLIENTS, preparedStatements });
    return through;
  }

  it('plans, claims and records deliveries, and runs Prisma’s transactions, many at once', async () => {
    const { db, sql } = connect(false);
    // Prisma through PgBouncer too: the seed's writes, and below, the replays' interactive transactions.
    const seeded: SeededSlackIntegration = await seedSlackIntegration(db, {
      teamId: 'T1',
      botToken: 'xoxb-test',
      channel: 'CGEN',
      events: ['push'],
    });
    const target = (channel: string, claim = false) => ({
      integrationId: seeded.integrationId,
      channel,
      body: { text: `to ${channel}` },
      claim,
    });

    const THREADS = 5;
    const routeAndPost = async (n: number): Promise<void> => {
      const threadKey = `push:${n % THREADS}`;
      const event = { endpointId: seeded.endpointId, eventKey: `event-${n}`, eventKind: 'push', threadKey };
      // The threaded post's root: found, claimed (then saved with Prisma), or being posted by another event.
      const thread = { integrationId: seeded.integrationId, channel: 'CGEN', threadKey };
      const root = await claimThreadRoot(sql, thread, 60_000);
      if (root.kind === 'claimed')
        await saveThreadRoot(db, thread, { remoteChannel: 'CGEN', remoteMessageId: `ts-${n}` });
      const planned = await planDeliveries(sql, event, [target('CGEN', true), target('CDEV')]);
      // Redelivered: the rows come back (the read-back statement), none claimed twice.
      const again = await planDeliveries(sql, event, [target('CGEN', true), target('CDEV')]);
      expect(again.filter((row) => row.claimed)).toEqual([]);
      for (const row of planned) {
        expect(await findDeliveryChannel(sql, row.id)).toEqual({
          integrationId: seeded.integrationId,
          channel: row.channel,
        });
        if (!row.claimed) expect(await claimDelivery(sql, row.id, 60_000)).toMatchObject({ kind: 'claimed' });
        // Every third event's CDEV post fails for good, and an operator replays it (a Prisma transaction).
        const fails = row.channel === 'CDEV' && n % 3 === 0;
        await recordDeliveryAttempt(sql, row.id, { attempt: 1, outcome: fails ? 'failed' : 'sent', durationMs: 5 });
        if (fails) expect(await prepareDeliveryReplay(db, row.id, { actor: 'test' })).toEqual({ kind: 'ready' });
      }
    };
    await Promise.all(Array.from({ length: EVENTS }, (_, n) => routeAndPost(n)));

    const replayed = Math.ceil(EVENTS / 3);
    const counts = await database.db.delivery.groupBy({ by: ['status'], _count: true });
    expect(Object.fromEntries(counts.map((c) => [c.status, c._count]))).toEqual({
      sent: 2 * EVENTS - replayed,
      pending: replayed,
    });
    expect(await database.db.auditEntry.count({ where: { action: 'delivery.replay' } })).toBe(replayed);
    // One root per thread, each claimed once and saved.
    const anchors = await database.db.threadAnchor.findMany();
    expect(anchors.map((a) => a.threadKey).sort()).toEqual(Array.from({ length: THREADS }, (_, i) => `push:${i}`));
    expect(anchors.every((a) => a.remoteMessageId.startsWith('ts-'))).toBe(true);
    // The replayed ones are pending again, and the sweeper's statement finds them.
    expect(await findStaleDeliveries(sql, 0, 100)).toHaveLength(replayed);

    // The pool really was shared: all eight clients connected, on two server connections.
    const mine = (rows: Array<Record<string, unknown>>) => rows.filter((row) => row.database === database.name);
    expect(mine(await bouncer.show('CLIENTS')).length).toBe(CLIENTS);
    expect(mine(await bouncer.show('SERVERS')).length).toBeLessThanOrEqual(SERVER_CONNECTIONS);
  });

  it('breaks named statements, which is why DATABASE_PREPARED_STATEMENTS=false sends them unnamed', async () => {
    const { sql } = connect(true);
    // Each of the pool's connections prepares the statement on whichever server connection it is
    // given: eight of them on two server connections must meet a name another one left there.
    const results = await Promise.allSettled(
      Array.from({ length: CLIENTS * 2 }, (_, i) => findDeliveryChannel(sql, `missing-${i}`)),
    );
    const codes = new Set(
      results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : [])),
    );
    // 42P05: "prepared statement … already exists"; 26000: "… does not exist".
    expect(codes.size).toBeGreaterThan(0);
    expect([...codes].filter((code) => code !== '42P05' && code !== '26000')).toEqual([]);
  });
});
