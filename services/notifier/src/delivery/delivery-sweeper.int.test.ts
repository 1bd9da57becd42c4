import { type DeliveryStatus } from '@chatops/db';
import { jobCatalog, QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { Counter, Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { pushesToOneChannel } from '@chatops/test-support/one-channel-slack';
import { seedSlackIntegration } from '@chatops/test-support/seed';
import { waitFor } from '@chatops/test-support/wait';
import { DeliverySweeper, type DeliverySweeperOptions } from './delivery-sweeper';

const DELIVERY_ATTEMPTS = jobCatalog[QueueName.Deliveries].defaults.attempts;

const MINUTE = 60_000;

describe('DeliverySweeper (real Redis and PostgreSQL)', () => {
  let database: TestDatabase;
  let inspector: QueueInspector;
  let integrationId: string;
  let endpointId: string;
  let swept: Counter;
  let counter = 0;

  const sweeper = (options: Partial<DeliverySweeperOptions> = {}) =>
    new DeliverySweeper(
      {
        sql: database.sql,
        queues: inspector.queues,
        redis: inspector.redis,
        prefix: inspector.prefix,
        logger: createLogger({ service: 'test', level: 'silent' }),
        swept,
      },
      { intervalMs: 60_000, staleAfterMs: 5 * MINUTE, batch: 100, ...options },
    );

  /** A delivery planned `ageMinutes` ago, in `status`, last claimed `claimedMinutesAgo` ago. */
  async function delivery(
    status: DeliveryStatus,
    ageMinutes: number,
    claimedMinutesAgo?: number,
    attempts = 0,
  ): Promise<string> {
    const row = await database.db.delivery.create({
      data: {
        integrationId,
        endpointId,
        eventKey: `sweep-${counter++}`,
        eventKind: 'push',
        channel: 'C1',
        status,
        attempts,
        body: { text: 'hello' },
        createdAt: new Date(Date.now() - ageMinutes * MINUTE),
        ...(claimedMinutesAgo !== undefined ? { claimedAt: new Date(Date.now() - claimedMinutesAgo * MINUTE) } : {}),
      },
    });
    return row.id;
  }
  const jobState = (id: string) => inspector.queues.queue(QueueName.Deliveries).getJobState(id);

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ integrationId, endpointId } = await seedSlackIntegration(database.db, pushesToOneChannel('xoxb-sweep')));
  });
  beforeEach(async () => {
    inspector = openQueueInspector('sweeper');
    // Producer connections fail fast rather than queue commands while connecting.
    if (inspector.redis.status !== 'ready') await new Promise((resolve) => inspector.redis.once('ready', resolve));
    swept = new Counter({ name: 'swept', help: 'swept', registers: [new Registry()] });
  });
  afterEach(async () => {
    await inspector.close();
    await database.db.delivery.deleteMany();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('deletes finished deliveries past the retention, with their attempts, and nothing else', async () => {
    const oldSent = await delivery('sent', 120);
    const oldFailed = await delivery('failed', 120);
    const oldSkipped = await delivery('skipped', 120);
    const oldPending = await delivery('pending', 120);
    const youngSent = await delivery('sent', 30);
    await database.db.deliveryAttempt.create({
      data: { deliveryId: oldSent, attempt: 1, outcome: 'sent', durationMs: 5 },
    });

    const result = await sweeper({ retentionMs: 60 * MINUTE, staleAfterMs: 24 * 60 * MINUTE }).sweep();

    expect(result?.pruned).toBe(3);
    const left = (await database.db.delivery.findMany({ select: { id: true } })).map((d) => d.id);
    expect(left.sort()).toEqual([oldPending, youngSent].sort());
    expect(left).not.toEqual(expect.arrayContaining([oldFailed, oldSkipped]));
    expect(await database.db.deliveryAttempt.count({ where: { deliveryId: oldSent } })).toBe(0);
  });

  it('keeps every delivery without a retention', async () => {
    await delivery('sent', 100_000);
    expect((await sweeper().sweep())?.pruned).toBe(0);
    expect(await database.db.delivery.count()).toBe(1);
  });

  it('requeues orphans, counting their tries, and leaves held, recently claimed or finished deliveries alone', async () => {
    const orphanedPending = await delivery('pending', 30);
    const orphanedSending = await delivery('sending', 30, 20, 3);
    const exhausted = await delivery('sending', 30, 20, DELIVERY_ATTEMPTS + 4);
    const held = await delivery('pending', 30);
    const claimedRecently = await delivery('sending', 30, 1);
    const replayedRecently = await delivery('pending', 30, 1);
    const planned = await delivery('pending', 1);
    const sent = await delivery('sent', 30);
    await inspector.queues.enqueue(QueueName.Deliveries, { deliveryId: held }, { jobId: held, delayMs: 60_000 });

    const result = await sweeper().sweep();

    expect(result?.requeued.sort()).toEqual([orphanedPending, orphanedSending, exhausted].sort());
    for (const id of result?.requeued ?? []) expect(await jobState(id)).toBe('waiting');
    expect(await jobState(held)).toBe('delayed');
    for (const untouched of [claimedRecently, replayedRecently, planned, sent])
      expect(await jobState(untouched)).toBe('unknown');
    // Tries already made count toward the attempts, and one that used them all still gets one more.
    const priorAttempts = async (id: string) =>
      (await inspector.queues.queue(QueueName.Deliveries).getJob(id))?.data.priorAttempts;
    expect(await priorAttempts(orphanedPending)).toBeUndefined();
    expect(await priorAttempts(orphanedSending)).toBe(3);
    expect(await priorAttempts(exhausted)).toBe(DELIVERY_ATTEMPTS - 1);
    expect((await swept.get()).values[0]?.value).toBe(3);
  });

  it('pages through a long run of held deliveries to the orphans behind it', async () => {
    const held = [await delivery('pending', 40), await delivery('pending', 39), await delivery('pending', 38)];
    for (const id of held)
      await inspector.queues.enqueue(QueueName.Deliveries, { deliveryId: id }, { jobId: id, delayMs: 60_000 });
    const orphan = await delivery('pending', 37);
    // One replica's sweeps, two deliveries at a time; a short interval so each gets its turn.
    const paging = sweeper({ batch: 2, intervalMs: 50 });
    const turns: Array<string[] | undefined> = [];
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      turns.push((await paging.sweep())?.requeued);
    }
    expect(turns).toEqual([[], [orphan], []]);
  });

  it('sweeps on one replica per interval', async () => {
    await delivery('pending', 30);
    const results = await Promise.all([sweeper().sweep(), sweeper().sweep(), sweeper().sweep()]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(results.find((r) => r !== null)?.requeued).toHaveLength(1);
  });

  it('sweeps on its own once started, until stopped', async () => {
    const orphan = await delivery('pending', 30);
    const running = sweeper({ intervalMs: 100 });
    running.start();
    try {
      await waitFor(async () => (await jobState(orphan)) === 'waiting', { what: 'the orphan to be requeued' });
    } finally {
      await running.stop();
    }
  });
});
