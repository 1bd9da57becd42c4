import { type Db } from '@chatops/db';
import { createProducerConnection, JobQueues, QueueName } from '@chatops/jobs';
import { type Redis } from 'ioredis';
import { cliTestContext } from '@chatops/test-support/cli';
import { failEventJobs } from '@chatops/test-support/failed-events';
import { testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { UsageError } from '../command';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { eventsFailed, eventsRetry } from './events-failed';

describe('events:failed, events:retry', () => {
  let redis: Redis;
  let queues: JobQueues;
  let prefix: string;
  let lines: string[];
  let context: CliContext;

  beforeAll(() => {
    prefix = uniquePrefix('cli-events');
    redis = createProducerConnection(testInfra().redisUrl);
    queues = new JobQueues(redis, prefix);
    // These commands touch neither the database nor the chat.
    context = cliTestContext({ db: {} as Db, queues, print: (line) => void lines.push(line) });
  });
  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await queues.queue(QueueName.Events).obliterate({ force: true });
  });
  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await deletePrefix(prefix);
  });

  it('are listed by the CLI', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['events:failed', 'events:retry']));
  });

  it('lists failed events newest first, and retries one by id', async () => {
    await eventsFailed.run({}, context, []);
    expect(lines).toEqual(['no failed events']);

    const [older, newer] = await failEventJobs(queues, ['c1', 'c2']);
    lines = [];
    await eventsFailed.run({}, context, []);
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${newer}  \\d{4}-\\d\\d-\\d\\dT\\S+  Push Hook  endpoint=ep-1  key=c2  attempts=1  database unavailable$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^${older}  .*key=c1 `)),
    ]);

    lines = [];
    await eventsRetry.run({ id: older ?? '' }, context, []);
    expect(lines).toEqual([`event job ${older} is back in the queue; events:failed no longer lists it`]);
    expect(await queues.queue(QueueName.Events).getJobState(older ?? '')).toBe('waiting');
    await expect(eventsRetry.run({ id: older ?? '' }, context, [])).rejects.toThrow(
      new UsageError(`event job ${older} has not failed: only failed events can be retried`),
    );
  });

  it('refuses an unknown job, a missing id and a bad limit', async () => {
    await expect(eventsRetry.run({ id: 'nope' }, context, [])).rejects.toThrow(
      new UsageError('unknown event job: nope'),
    );
    await expect(eventsRetry.run({}, context, [])).rejects.toThrow(UsageError);
    await expect(eventsFailed.run({ limit: '0' }, context, [])).rejects.toThrow(
      new UsageError('--limit must be a whole number from 1 to 200'),
    );
  });
});
