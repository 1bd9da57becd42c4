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
import { stats } from './stats';

describe('stats', () => {
  let database: TestDatabase;
  let redis: Redis;
  let queues: JobQueues;
  let prefix: string;
  let lines: string[];
  let context: CliContext;
  let pushes: string;
  let alerts: string;
  let endpointId: string;

  async function delivery(integrationId: string, eventKey: string, status: DeliveryStatus, durationMs?: number) {
    const row = await database.db.delivery.create({
      data: { integrationId, endpointId, eventKey, eventKind: 'push', channel: '#general', status, body: {} },
    });
    if (durationMs !== undefined)
      await database.db.deliveryAttempt.create({
        data: { deliveryId: row.id, attempt: 1, outcome: 'sent', durationMs },
      });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = uniquePrefix('cli-stats');
    redis = createProducerConnection(testInfra().redisUrl);
    queues = new JobQueues(redis, prefix);
    context = cliTestContext({ db: database.db, queues, print: (line) => void lines.push(line) });
    const diaspora = await seedDiasporaProject(database.db);
    const other = await seedDiasporaProject(database.db, { gitlabProjectId: 16, pathWithNamespace: 'mike/other' });
    endpointId = (await createEndpoint(database.db, { projectId: diaspora.id })).endpoint.id;
    const integration = async (projectId: string, name: string) =>
      (
        await createIntegration(database.db, {
          projectId,
          name,
          destination: 'slack_webhook',
          webhookUrlSealed: context.box.seal('https://hooks.example.com/x'),
          routes: [],
        })
      ).id;
    pushes = await integration(diaspora.id, 'pushes');
    alerts = await integration(other.id, 'alerts');
    await delivery(pushes, 'a', 'sent', 120);
    await delivery(pushes, 'b', 'sent', 80);
    await delivery(pushes, 'c', 'failed', 3000);
    await delivery(alerts, 'd', 'pending');
    await queues.enqueue(QueueName.Deliveries, { deliveryId: 'x' });
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await deletePrefix(prefix);
    await database.drop();
  });

  it('is listed by the CLI', () => {
    expect(COMMANDS.map((c) => c.name)).toContain('stats');
  });

  it('prints the windows, every queue and the slowest channels, and returns them for --json', async () => {
    const result = (await stats.run({}, context, [])) as { windows: unknown; queues: unknown[] };
    expect(lines).toEqual([
      'last hour  4 events, 4 deliveries: 2 sent, 1 failed, 1 pending, 0 sending, 0 skipped; 66.7% sent',
      'last day   4 events, 4 deliveries: 2 sent, 1 failed, 1 pending, 0 sending, 0 skipped; 66.7% sent',
      'queues (waiting / active / delayed / failed):',
      '  events  0 / 0 / 0 / 0',
      '  deliveries  1 / 0 / 0 / 0',
      '  commands  0 / 0 / 0 / 0',
      '  incidents  0 / 0 / 0 / 0',
      '  chatops-runs  0 / 0 / 0 / 0',
      '  alert-polls  0 / 0 / 0 / 0',
      'slowest channels over the last day (p50 / p95 / max):',
      '  mike/diaspora  pushes  #general  120 / 2712 / 3000 ms  (3 deliveries)',
    ]);
    expect(result).toMatchObject({
      generatedAt: expect.any(String),
      windows: { lastDay: { events: 4, successRate: 2 / 3 } },
      slowestChannels: [{ integrationId: pushes, p50Ms: 120, p95Ms: 2712, maxMs: 3000 }],
    });
    expect(result.queues).toHaveLength(6);
  });

  it('narrows the deliveries to the projects named, by path or alias', async () => {
    await stats.run({ project: 'mike/other' }, context, []);
    expect(lines[0]).toBe(
      'last hour  1 events, 1 deliveries: 0 sent, 0 failed, 1 pending, 0 sending, 0 skipped; no delivery finished',
    );
    expect(lines.at(-1)).toBe('slowest channels: no tries in the last day');
    await expect(stats.run({ project: 'mike/nosuch' }, context, [])).rejects.toThrow(UsageError);
    await expect(stats.run({ project: ' , ' }, context, [])).rejects.toThrow('--project needs a project path or alias');
  });
});
