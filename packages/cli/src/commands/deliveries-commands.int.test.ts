import { createEndpoint, createIntegration, type DeliveryStatus } from '@chatops/db';
import { createProducerConnection, JobQueues, QueueName } from '@chatops/jobs';
import { type Redis } from 'ioredis';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { seedDiasporaProject } from '@chatops/test-support/seed';
import { UsageError } from '../command';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { deliveriesDeadLetters } from './deliveries-dead-letters';
import { deliveriesList } from './deliveries-list';
import { deliveriesReplay } from './deliveries-replay';

describe('deliveries:list, deliveries:dead-letters, deliveries:replay', () => {
  let database: TestDatabase;
  let redis: Redis;
  let queues: JobQueues;
  let prefix: string;
  let lines: string[];
  let context: CliContext;
  let integrationId: string;
  let endpointId: string;
  let seq = 0;

  async function delivery(
    status: DeliveryStatus,
    minutesAgo: number,
    attempts: Array<{ outcome: string; errorCode?: string; httpStatus?: number }> = [],
  ): Promise<string> {
    const row = await database.db.delivery.create({
      data: {
        integrationId,
        endpointId,
        eventKey: `e-${seq++}`,
        eventKind: 'push',
        channel: 'general',
        status,
        body: {},
        attempts: attempts.length,
        lastErrorCode: status === 'failed' ? 'channel_not_found' : null,
        createdAt: new Date(Date.UTC(2026, 0, 1, 12) - minutesAgo * 60_000),
      },
    });
    for (const [i, a] of attempts.entries())
      await database.db.deliveryAttempt.create({ data: { deliveryId: row.id, attempt: i + 1, durationMs: 7, ...a } });
    return row.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = uniquePrefix('cli');
    redis = createProducerConnection(testInfra().redisUrl);
    queues = new JobQueues(redis, prefix);
    context = cliTestContext({ db: database.db, queues, print: (line) => void lines.push(line) });
    const project = await seedDiasporaProject(database.db);
    endpointId = (await createEndpoint(database.db, { projectId: project.id })).endpoint.id;
    integrationId = (
      await createIntegration(database.db, {
        projectId: project.id,
        name: 'pushes',
        destination: 'slack_webhook',
        webhookUrlSealed: context.box.seal('https://hooks.example.com/x'),
        routes: [],
      })
    ).id;
  });
  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await database.db.delivery.deleteMany();
    await queues.queue(QueueName.Deliveries).obliterate({ force: true });
  });
  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await deletePrefix(prefix);
    await database.drop();
  });

  it('are listed by the CLI', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(
      expect.arrayContaining(['integration:test', 'deliveries:list', 'deliveries:dead-letters', 'deliveries:replay']),
    );
  });

  it("prints an integration's history newest first, with attempts, and the way to the next page", async () => {
    const old = await delivery('failed', 20, [
      { outcome: 'retry', errorCode: 'internal_error', httpStatus: 500 },
      { outcome: 'failed', errorCode: 'channel_not_found' },
    ]);
    const recent = await delivery('sent', 10, [{ outcome: 'sent' }]);
    await deliveriesList.run({ integration: integrationId, limit: '1' }, context, []);
    expect(lines).toEqual([
      `${recent}  2026-01-01T11:50:00.000Z  sent  push  general  attempts=1`,
      expect.stringMatching(/^ {4}#1 \S+ sent 7ms$/),
      `more: chatops deliveries:list --integration ${integrationId} --cursor ${recent}`,
    ]);
    lines = [];
    await deliveriesList.run({ integration: integrationId, cursor: recent }, context, []);
    expect(lines).toEqual([
      `${old}  2026-01-01T11:40:00.000Z  failed  push  general  attempts=2  channel_not_found`,
      expect.stringMatching(/^ {4}#1 \S+ retry internal_error http 500 7ms$/),
      expect.stringMatching(/^ {4}#2 \S+ failed channel_not_found 7ms$/),
    ]);
  });

  it('filters by status and checks its options', async () => {
    await delivery('sent', 1);
    await deliveriesList.run({ integration: integrationId, status: 'failed' }, context, []);
    expect(lines).toEqual(['no deliveries']);
    await expect(deliveriesList.run({ integration: integrationId, status: 'lost' }, context, [])).rejects.toThrow(
      UsageError,
    );
    await expect(deliveriesList.run({ integration: integrationId, limit: '0' }, context, [])).rejects.toThrow(
      UsageError,
    );
    await expect(deliveriesList.run({ integration: 'nosuchintegration' }, context, [])).rejects.toThrow(
      'unknown integration: nosuchintegration',
    );
  });

  it('filters the history and the dead letters by time, and keeps the filters for the next page', async () => {
    // Deliveries are written minutes before 2026-01-01T12:00Z.
    await delivery('failed', 30);
    const twenty = await delivery('failed', 20);
    const ten = await delivery('failed', 10);
    const range = { since: '2026-01-01T11:40:00Z', until: '2026-01-01T11:50:00.001Z' };
    await deliveriesList.run({ integration: integrationId, ...range, limit: '1' }, context, []);
    expect(lines).toEqual([
      `${ten}  2026-01-01T11:50:00.000Z  failed  push  general  attempts=0  channel_not_found`,
      `more: chatops deliveries:list --integration ${integrationId} --since 2026-01-01T11:40:00Z --until 2026-01-01T11:50:00.001Z --cursor ${ten}`,
    ]);
    lines = [];
    await deliveriesDeadLetters.run({ since: '2026-01-01T11:35:00Z', until: '2026-01-01T11:45:00Z' }, context, []);
    expect(lines).toEqual([
      `${twenty}  2026-01-01T11:40:00.000Z  failed  push  general  attempts=0  channel_not_found`,
    ]);
    await expect(deliveriesDeadLetters.run({ since: '2026-01-01' }, context, [])).rejects.toThrow(UsageError);
  });

  it('prints only failed deliveries as dead letters', async () => {
    const failed = await delivery('failed', 5);
    await delivery('sent', 1);
    await delivery('pending', 1);
    await deliveriesDeadLetters.run({}, context, []);
    expect(lines).toEqual([
      `${failed}  2026-01-01T11:55:00.000Z  failed  push  general  attempts=0  channel_not_found`,
    ]);
  });

  it('replays a failed delivery: pending again, attempts kept, a job enqueued, audited as the CLI', async () => {
    const id = await delivery('failed', 1, [{ outcome: 'failed', errorCode: 'channel_not_found' }]);
    await deliveriesReplay.run({ id }, context, []);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^delivery ${id} is pending again \\(job ${id}\\)`))]);
    expect(await database.db.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastErrorCode: null,
    });
    const jobs = await queues.queue(QueueName.Deliveries).getJobs(['waiting']);
    expect(jobs.map((j) => j.data.deliveryId)).toEqual([id]);
    expect(await database.db.auditEntry.count({ where: { target: id, actor: 'cli', action: 'delivery.replay' } })).toBe(
      1,
    );
  });

  it('refuses to replay a sent delivery or an unknown one, enqueuing nothing', async () => {
    const sent = await delivery('sent', 1);
    await expect(deliveriesReplay.run({ id: sent }, context, [])).rejects.toThrow(`delivery ${sent} is sent`);
    await expect(deliveriesReplay.run({ id: 'nosuchdelivery' }, context, [])).rejects.toThrow(UsageError);
    expect(await queues.queue(QueueName.Deliveries).getJobs(['waiting'])).toHaveLength(0);
  });
});
