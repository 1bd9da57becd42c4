import { loadConfig } from '@chatops/config';
import { createLogger } from '@chatops/observability';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { buildNotifier } from './app';
import { notifierEnvSchema } from './env';

describe('buildNotifier', () => {
  let database: TestDatabase;
  const prefix = uniquePrefix('notifier-app');

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await deletePrefix(prefix);
    await database.drop();
  });

  it.each([
    [undefined, ['events', 'deliveries']],
    ['events', ['events']],
    ['deliveries', ['deliveries']],
  ])('NOTIFIER_QUEUES=%s works %j', async (queues, expected) => {
    const env = loadConfig(notifierEnvSchema, {
      DATABASE_URL: database.url,
      REDIS_URL: testInfra().redisUrl,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      QUEUE_PREFIX: prefix,
      // BullMQ leaves a closed worker's lock and stalled-check timers to run out (taskforcesh/bullmq
      // issue 2650, still open); they scale with the lock, and at the default 30 s they kept the
      // test process alive ~40 s after the run. Services exit explicitly and are not affected.
      NOTIFIER_JOB_LOCK_MS: '1000',
      ...(queues ? { NOTIFIER_QUEUES: queues } : {}),
    });
    const notifier = await buildNotifier(env, createLogger({ service: 'test', level: 'silent' }));
    try {
      expect(notifier.workers.map((w) => w.name)).toEqual(expected);
    } finally {
      await notifier.close();
    }
  });
});
