import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { seedSlackIntegration, type SeededSlackIntegration } from '@chatops/test-support/seed';
import { type WriteBatchMessage, writeBatchChannel } from '../group-commit';
import {
  claimDelivery,
  findDeliveryChannel,
  findStaleDeliveries,
  planDeliveries,
  recordDeliveryAttempt,
} from './deliveries';

describe('delivery statements (node-postgres, real PostgreSQL)', () => {
  let database: TestDatabase;
  let seeded: SeededSlackIntegration;
  let eventCounter = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    seeded = await seedSlackIntegration(database.db, {
      teamId: 'T1',
      botToken: 'xoxb-test',
      channel: 'CGEN',
      events: ['push'],
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  const event = () => ({
    endpointId: seeded.endpointId,
    eventKey: `event-${++eventCounter}`,
    eventKind: 'push',
    threadKey: 'push:1',
  });
  const target = (channel: string, text = 'hello') => ({
    integrationId: seeded.integrationId,
    channel,
    body: { text, attachments: [{ text: 'a "quoted" \\ value, {braces}' }] },
  });

  it('plans one pending row per channel, and the same rows again for a redelivered event', async () => {
    const e = event();
    const first = await planDeliveries(database.sql, e, [target('CGEN'), target('CDEV')]);
    expect(first.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['CDEV', 'pending'],
      ['CGEN', 'pending'],
    ]);
    // Redelivered, with one channel more: the two rows that exist come back, the new one is added.
    const again = await planDeliveries(database.sql, e, [target('CGEN'), target('CDEV'), target('COPS')]);
    expect(again.map((d) => d.channel).sort()).toEqual(['CDEV', 'CGEN', 'COPS']);
    expect(
      again
        .filter((d) => d.channel !== 'COPS')
        .map((d) => d.id)
        .sort(),
    ).toEqual(first.map((d) => d.id).sort());
    expect(await database.db.delivery.count({ where: { eventKey: e.eventKey } })).toBe(3);
  });

  it('plans deliveries claimed at once when asked, and never hands a claim out twice', async () => {
    const e = event();
    const first = await planDeliveries(database.sql, e, [{ ...target('CGEN'), claim: true }, target('CDEV')]);
    expect(first.map((d) => [d.channel, d.status, d.claimed]).sort()).toEqual([
      ['CDEV', 'pending', false],
      ['CGEN', 'sending', true],
    ]);
    const claimedRow = await database.db.delivery.findUniqueOrThrow({
      where: { id: first.find((d) => d.claimed)?.id ?? '' },
    });
    expect(Math.abs((claimedRow.claimedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    // The same event again (a second copy, a retry): the rows exist, so nothing is claimed for it,
    // while a channel new to this run is inserted and claimed as asked.
    const again = await planDeliveries(database.sql, e, [
      { ...target('CGEN'), claim: true },
      { ...target('CDEV'), claim: true },
      { ...target('COPS'), claim: true },
    ]);
    expect(again.map((d) => [d.channel, d.status, d.claimed]).sort()).toEqual([
      ['CDEV', 'pending', false],
      ['CGEN', 'sending', false],
      ['COPS', 'sending', true],
    ]);
  });

  it('stores the body as JSON, exactly, with the event fields Prisma reads back', async () => {
    const e = event();
    const [planned] = await planDeliveries(database.sql, e, [target('CGEN', 'ünïcødé & <b>')]);
    const row = await database.db.delivery.findUniqueOrThrow({ where: { id: planned?.id ?? '' } });
    expect(row.body).toEqual(target('CGEN', 'ünïcødé & <b>').body);
    expect(row).toMatchObject({
      endpointId: e.endpointId,
      eventKind: 'push',
      threadKey: 'push:1',
      attempts: 0,
      sentAt: null,
    });
    // Written in UTC as Prisma writes timestamps, whatever the server's time zone.
    expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('claims a pending delivery once; a claimed one is an unknown outcome, a sent one is done', async () => {
    const [planned] = await planDeliveries(database.sql, event(), [target('CGEN')]);
    const id = planned?.id ?? '';
    const claim = await claimDelivery(database.sql, id, 0);
    expect(claim.kind).toBe('claimed');
    expect(claim.kind === 'claimed' && claim.delivery).toMatchObject({
      id,
      channel: 'CGEN',
      threadKey: 'push:1',
      status: 'sending',
      body: target('CGEN').body,
    });
    // Claimed moments ago: another try may be posting it now, so it is left alone for a while...
    const held = await claimDelivery(database.sql, id, 60_000);
    expect(held.kind).toBe('in_progress');
    expect(held.kind === 'in_progress' && held.retryAfterMs).toBeGreaterThan(50_000);
    expect(held.kind === 'in_progress' && held.retryAfterMs).toBeLessThanOrEqual(60_000);
    // ...and after that, taken over as a try whose outcome nobody recorded.
    expect((await claimDelivery(database.sql, id, 0)).kind).toBe('outcome_unknown');

    await recordDeliveryAttempt(
      database.sql,
      id,
      { attempt: 1, outcome: 'sent', durationMs: 12 },
      { remoteMessageId: '1700000000.000100' },
    );
    expect((await claimDelivery(database.sql, id, 0)).kind).toBe('done');
    const row = await database.db.delivery.findUniqueOrThrow({ where: { id }, include: { attemptLog: true } });
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      remoteMessageId: '1700000000.000100',
      lastErrorCode: null,
    });
    expect(Math.abs((row.sentAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(row.attemptLog.map((a) => [a.attempt, a.outcome, a.durationMs])).toEqual([[1, 'sent', 12]]);
  });

  it('stamps every claim, and finds deliveries left pending or sending past a cutoff, oldest first', async () => {
    const ids = await Promise.all(
      [0, 1, 2, 3].map(async () => (await planDeliveries(database.sql, event(), [target('CGEN')]))[0]?.id ?? ''),
    );
    const [pending, sending, recent, sent] = ids as [string, string, string, string];
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
    await database.db.delivery.update({ where: { id: pending }, data: { createdAt: minutesAgo(30) } });
    await database.db.delivery.update({
      where: { id: sending },
      data: { createdAt: minutesAgo(20), status: 'sending', claimedAt: minutesAgo(10) },
    });
    await database.db.delivery.update({ where: { id: recent }, data: { createdAt: minutesAgo(15) } });
    await database.db.delivery.update({ where: { id: sent }, data: { createdAt: minutesAgo(40), status: 'sent' } });
    // Claimed just now (an old delivery being tried again): not stale, however old the delivery.
    expect((await claimDelivery(database.sql, recent, 0)).kind).toBe('claimed');
    const claimedAt = (await database.db.delivery.findUniqueOrThrow({ where: { id: recent } })).claimedAt;
    expect(Math.abs((claimedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

    const stale = (await findStaleDeliveries(database.sql, 5 * 60_000, 100)).filter((row) =>
      [pending, sending, recent, sent].includes(row.id),
    );
    expect(stale.map((row) => [row.id, row.status])).toEqual([
      [pending, 'pending'],
      [sending, 'sending'],
    ]);
    expect(await findStaleDeliveries(database.sql, 25 * 60_000, 100)).toEqual([
      expect.objectContaining({ id: pending }),
    ]);
    // Paged oldest first: the page after the first row starts at the second.
    const [firstPage] = await findStaleDeliveries(database.sql, 5 * 60_000, 1);
    expect(firstPage?.id).toBe(pending);
    const next = (await findStaleDeliveries(database.sql, 5 * 60_000, 100, firstPage)).filter((row) =>
      [pending, sending, recent, sent].includes(row.id),
    );
    expect(next.map((row) => row.id)).toEqual([sending]);
  });

  it('pages through stale deliveries planned at the same instant, one at a time, each once', async () => {
    // All deliveries of one event share one planning time: the id breaks the tie.
    const e = event();
    const planned = await planDeliveries(database.sql, e, [target('T1'), target('T2'), target('T3')]);
    await database.db.delivery.updateMany({
      where: { eventKey: e.eventKey },
      data: { createdAt: new Date(Date.now() - 3_600_000) },
    });
    const seen: string[] = [];
    let cursor: Awaited<ReturnType<typeof findStaleDeliveries>>[number] | undefined;
    for (let i = 0; i < 10; i++) {
      const [row] = (await findStaleDeliveries(database.sql, 60_000, 1, cursor)).filter(Boolean);
      if (!row) break;
      if (planned.some((p) => p.id === row.id)) seen.push(row.id);
      cursor = row;
    }
    expect(seen.sort()).toEqual(planned.map((p) => p.id).sort());
  });

  it('records a retry as pending again and a permanent failure as failed, with the reason', async () => {
    const [planned] = await planDeliveries(database.sql, event(), [target('CGEN')]);
    const id = planned?.id ?? '';
    await claimDelivery(database.sql, id, 0);
    await recordDeliveryAttempt(database.sql, id, {
      attempt: 1,
      outcome: 'retry',
      durationMs: 5,
      errorCode: 'http_503',
      errorMessage: 'unavailable',
      httpStatus: 503,
    });
    expect(await database.db.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastErrorCode: 'http_503',
      sentAt: null,
    });
    expect((await claimDelivery(database.sql, id, 0)).kind).toBe('claimed');
    await recordDeliveryAttempt(database.sql, id, {
      attempt: 2,
      outcome: 'failed',
      durationMs: 5,
      errorCode: 'channel_not_found',
      errorMessage: 'channel_not_found',
    });
    const row = await database.db.delivery.findUniqueOrThrow({
      where: { id },
      include: { attemptLog: { orderBy: { attempt: 'asc' } } },
    });
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastErrorCode: 'channel_not_found' });
    expect(row.attemptLog.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['retry', 503],
      ['failed', null],
    ]);
  });

  it('plans and records many events at once, each caller getting its own rows (one statement for those made together)', async () => {
    const events = Array.from({ length: 30 }, () => event());
    // One event seen before: its row exists, so its caller reads it back, unclaimed.
    const [seenBefore] = await planDeliveries(database.sql, events[0]!, [target('CGEN')]);
    const query = jest.spyOn(database.sql, 'query');
    const statementsInserting = (table: string) =>
      query.mock.calls.filter(([config]) => (config as { text?: string }).text?.includes(`INSERT INTO "${table}" (`))
        .length;
    const published: WriteBatchMessage[] = [];
    const onBatch = (message: unknown) => published.push(message as WriteBatchMessage);
    writeBatchChannel.subscribe(onBatch);
    try {
      const planned = await Promise.all(
        events.map((e, i) =>
          planDeliveries(database.sql, e, [{ ...target('CGEN'), claim: true }, ...(i % 2 ? [target('CDEV')] : [])]),
        ),
      );
      planned.forEach((rows, i) => {
        const expected =
          i === 0
            ? [['CGEN', 'pending', false]]
            : [['CGEN', 'sending', true], ...(i % 2 ? [['CDEV', 'pending', false]] : [])];
        expect(rows.map((d) => [d.channel, d.status, d.claimed])).toEqual(expect.arrayContaining(expected));
        expect(rows).toHaveLength(expected.length);
      });
      expect(planned[0]?.[0]?.id).toBe(seenBefore?.id);
      expect(statementsInserting('Delivery')).toBe(1);
      const rows = await database.db.delivery.findMany({ where: { id: { in: planned.flat().map((d) => d.id) } } });
      // Each row is stored under its own event.
      for (const [i, e] of events.entries()) {
        expect(
          rows
            .filter((r) => r.eventKey === e.eventKey)
            .map((r) => r.id)
            .sort(),
        ).toEqual(planned[i]!.map((d) => d.id).sort());
      }

      const claimed = planned.flat().filter((d) => d.claimed);
      await Promise.all(
        claimed.map((d, i) =>
          recordDeliveryAttempt(
            database.sql,
            d.id,
            i % 3
              ? { attempt: 1, outcome: 'sent', durationMs: i }
              : {
                  attempt: 1,
                  outcome: 'retry',
                  durationMs: i,
                  errorCode: 'http_503',
                  errorMessage: 'unavailable',
                  httpStatus: 503,
                },
            {
              remoteMessageId: `ts-${d.id}`,
            },
          ),
        ),
      );
      expect(statementsInserting('DeliveryAttempt')).toBe(1);
      // What operators see as chatops_db_write_batch_size: one statement of each kind, all of its writes.
      expect(published).toEqual([
        { statement: 'plan_deliveries', writes: 30, outcome: 'written' },
        { statement: 'record_delivery_attempts', writes: claimed.length, outcome: 'written' },
      ]);
      const recorded = await database.db.delivery.findMany({
        where: { id: { in: claimed.map((d) => d.id) } },
        include: { attemptLog: true },
      });
      for (const [i, d] of claimed.entries()) {
        const row = recorded.find((r) => r.id === d.id);
        const sent = i % 3 !== 0;
        expect(row).toMatchObject({
          status: sent ? 'sent' : 'pending',
          attempts: 1,
          remoteMessageId: sent ? `ts-${d.id}` : null,
          lastErrorCode: sent ? null : 'http_503',
        });
        expect(row?.attemptLog.map((a) => [a.outcome, a.durationMs])).toEqual([[sent ? 'sent' : 'retry', i]]);
      }
    } finally {
      query.mockRestore();
      writeBatchChannel.unsubscribe(onBatch);
    }
  });

  it('records a try of a delivery that is gone as an error for that try alone', async () => {
    const [planned] = await planDeliveries(database.sql, event(), [target('CGEN')]);
    const results = await Promise.allSettled([
      recordDeliveryAttempt(database.sql, planned?.id ?? '', { attempt: 1, outcome: 'sent', durationMs: 1 }),
      recordDeliveryAttempt(database.sql, 'no-such-delivery', { attempt: 1, outcome: 'sent', durationMs: 1 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await database.db.delivery.findUniqueOrThrow({ where: { id: planned?.id ?? '' } })).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect(
      await database.db.deliveryAttempt.count({
        where: { deliveryId: { in: [planned?.id ?? '', 'no-such-delivery'] } },
      }),
    ).toBe(1);
  });

  it('plans the other events of a batch when one event refers to an integration that is gone', async () => {
    const [good, gone, alsoGood] = [event(), event(), event()];
    const results = await Promise.allSettled([
      planDeliveries(database.sql, good, [{ ...target('CGEN'), claim: true }]),
      planDeliveries(database.sql, gone, [{ ...target('CGEN'), integrationId: 'deleted-integration', claim: true }]),
      planDeliveries(database.sql, alsoGood, [target('CDEV')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const [first, , third] = results.map((r) => (r.status === 'fulfilled' ? r.value : []));
    expect(first?.map((d) => [d.channel, d.status, d.claimed])).toEqual([['CGEN', 'sending', true]]);
    expect(third?.map((d) => [d.channel, d.status, d.claimed])).toEqual([['CDEV', 'pending', false]]);
    expect(
      await database.db.delivery.count({
        where: { eventKey: { in: [good.eventKey, gone.eventKey, alsoGood.eventKey] } },
      }),
    ).toBe(2);
  });

  it('answers missing for a delivery that does not exist, and finds a delivery channel', async () => {
    expect((await claimDelivery(database.sql, 'no-such-delivery', 0)).kind).toBe('missing');
    expect(await findDeliveryChannel(database.sql, 'no-such-delivery')).toBeUndefined();
    const [planned] = await planDeliveries(database.sql, event(), [target('CDEV')]);
    expect(await findDeliveryChannel(database.sql, planned?.id ?? '')).toEqual({
      integrationId: seeded.integrationId,
      channel: 'CDEV',
    });
  });

  it('plans nothing for no targets', async () => {
    expect(await planDeliveries(database.sql, event(), [])).toEqual([]);
  });
});
