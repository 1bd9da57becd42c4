import { ChatSenders } from '@chatops/chat';
import { OutboundGuard, OutboundPolicy } from '@chatops/outbound';
import { findIntegrationWithDestination, SecretBox, type SqlPool } from '@chatops/db';
import { createLogger } from '@chatops/observability';
import { TtlCache } from '@chatops/runtime';
import { type FakeSlack } from '@chatops/testing';
import { UnrecoverableError } from 'bullmq';
import { Counter, Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { pushesToOneChannel, startOneChannelSlack } from '@chatops/test-support/one-channel-slack';
import { seedSlackIntegration } from '@chatops/test-support/seed';
import { deliveryAttempts } from './attempt-delivery';
import { DeliverySweeper } from './delivery-sweeper';
import { UnrecordedPosts } from './unrecorded-posts';

/**
 * A post that went out while the database refused to record it: left `sending`, remembered in
 * Redis, found by the sweeper, and recorded as sent by the next try, never posted a second time.
 */
describe('a post that could not be recorded', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let inspector: QueueInspector;

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startOneChannelSlack('xoxb-unrecorded');
    inspector = openQueueInspector('unrecorded');
    if (inspector.redis.status !== 'ready') await new Promise((resolve) => inspector.redis.once('ready', resolve));
  });
  afterAll(async () => {
    await inspector.close();
    await slack.stop();
    await database.drop();
  });

  it('is remembered, then recorded as sent by the next try without a second post', async () => {
    const { integrationId, endpointId } = await seedSlackIntegration(
      database.db,
      pushesToOneChannel('xoxb-unrecorded'),
    );
    const { id } = await database.db.delivery.create({
      data: {
        integrationId,
        endpointId,
        eventKey: 'unrecorded',
        eventKind: 'push',
        channel: 'C1',
        body: { text: 'hello' },
        createdAt: new Date(Date.now() - 3_600_000),
      },
    });
    // The database takes the claim but refuses every attempt record.
    const refusingRecords = {
      query: (query: { text?: string }) =>
        query.text?.includes('INSERT INTO "DeliveryAttempt"')
          ? Promise.reject(new Error('database down'))
          : database.sql.query(query as never),
    } as unknown as SqlPool;
    const unrecorded = new UnrecordedPosts(inspector.redis, inspector.prefix);
    const deps = {
      db: database.db,
      sql: refusingRecords,
      box: new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex')),
      senders: new ChatSenders({
        slackApiUrl: `${slack.url}/api`,
        outbound: new OutboundGuard(OutboundPolicy.strict()),
      }),
      integrations: new TtlCache((key) => findIntegrationWithDestination(database.db, key), {
        ttlMs: 0,
        missTtlMs: 0,
        maxEntries: 1,
      }),
      possibleDuplicates: new Counter({ name: 'dups', help: 'dups', registers: [new Registry()] }),
      unrecorded,
      takeOverAfterMs: 60_000,
    };
    const { attempt } = deliveryAttempts(deps);
    const log = createLogger({ service: 'test', level: 'silent' });

    await expect(attempt(id, { attempt: 1, maxAttempts: 8 }, log)).rejects.toThrow(UnrecoverableError);
    const [posted] = slack.messages('C1');
    expect(posted?.text).toBe('hello');
    // Back-date the claim, as if the sweeper came by much later.
    await database.db.delivery.update({ where: { id }, data: { claimedAt: new Date(Date.now() - 3_600_000) } });
    expect(await database.db.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sending' });

    // The sweeper finds it orphaned and queues it; the next try finds the post remembered.
    const sweeper = new DeliverySweeper(
      {
        sql: database.sql,
        queues: inspector.queues,
        redis: inspector.redis,
        prefix: inspector.prefix,
        logger: log,
        swept: new Counter({ name: 'swept', help: 'swept', registers: [new Registry()] }),
      },
      { intervalMs: 60_000, staleAfterMs: 60_000, batch: 10 },
    );
    expect(await sweeper.sweep()).toEqual({ examined: 1, requeued: [id], pruned: 0 });
    const recordingAgain = deliveryAttempts({ ...deps, sql: database.sql }).attempt;
    await recordingAgain(id, { attempt: 2, maxAttempts: 8 }, log);
    const row = await database.db.delivery.findUniqueOrThrow({ where: { id }, include: { attemptLog: true } });
    expect(row).toMatchObject({ status: 'sent', remoteMessageId: posted?.ts });
    expect(row.attemptLog.map((a) => [a.attempt, a.outcome])).toEqual([[2, 'sent']]);
    expect(slack.messages('C1')).toHaveLength(1);
    expect((await unrecorded.recall([id])).size).toBe(0);
  });
});
