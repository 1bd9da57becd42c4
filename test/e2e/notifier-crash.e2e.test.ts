import { type FakeSlack } from '@chatops/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadFixture } from '../support/fixtures';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { pushesToOneChannel, startOneChannelSlack } from '../support/one-channel-slack';
import { postWebhook, seedSlackIntegration } from '../support/seed';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { sleep, waitFor } from '../support/wait';

const EVENTS = 300;
const CONCURRENCY = 20;
const push = loadFixture('push.json');

async function possibleDuplicates(notifier: RunningService): Promise<number> {
  const metrics = await (await fetch(`${notifier.url}/metrics`)).text();
  return Number(/^chatops_delivery_possible_duplicates_total\{[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 0);
}

/**
 * A notifier killed with SIGKILL in the middle of a burst: the other replica takes its jobs over,
 * nothing is lost, and the only duplicates are posts whose outcome the dead process never
 * recorded — each one counted, and no more of them than it had in flight.
 */
describe('a notifier killed mid-burst', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let prefix: string;
  const services: RunningService[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startOneChannelSlack('xoxb-crash');
    // Slow enough that posts are in flight when the notifier dies.
    slack.setLatency(25);
    prefix = uniquePrefix('crash');
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop('SIGKILL')));
    await slack.stop();
    await deletePrefix(prefix);
    await database.drop();
  });

  it('loses nothing, and counts and bounds its duplicates', async () => {
    const seeded = await seedSlackIntegration(database.db, pushesToOneChannel('xoxb-crash'));
    const env = {
      ...serviceEnv(database.url, prefix),
      SLACK_API_URL: `${slack.url}/api`,
      LOG_LEVEL: 'warn',
      // Posts in flight per process: first tries from the routing job, the rest from the deliveries worker.
      NOTIFIER_EVENT_CONCURRENCY: String(CONCURRENCY),
      NOTIFIER_DELIVERY_CONCURRENCY: String(CONCURRENCY),
      NOTIFIER_JOB_LOCK_MS: '2000',
      NOTIFIER_CHANNEL_BURST: '100000',
      NOTIFIER_CHANNEL_RATE_PER_SECOND: '100000',
    };
    const gateway = await startService('gateway', env);
    const doomed = await startService('notifier', env);
    const survivor = await startService('notifier', env);
    services.push(gateway, doomed, survivor);

    // Each event names its own pusher, so every message says which event it is.
    for (let i = 0; i < EVENTS; i++) {
      const response = await postWebhook(
        gateway.url,
        seeded,
        'Push Hook',
        { ...push, user_name: `pusher-${i}` },
        `crash-${i}`,
      );
      expect(response.status).toBe(202);
    }
    await waitFor(() => slack.messages('C1').length >= EVENTS / 4, { what: 'the burst to be under way' });
    await doomed.stop('SIGKILL');

    await waitFor(async () => (await database.db.delivery.count({ where: { status: 'sent' } })) === EVENTS, {
      timeoutMs: 45_000,
      intervalMs: 250,
      what: 'every delivery to be sent',
    });
    await sleep(500);

    const perEvent = new Map<string, number>();
    for (const m of slack.messages('C1')) {
      const pusher = /^(pusher-\d+) pushed/.exec(m.text ?? '')?.[1] ?? 'unknown';
      perEvent.set(pusher, (perEvent.get(pusher) ?? 0) + 1);
    }
    expect(perEvent.size).toBe(EVENTS);
    expect(perEvent.has('unknown')).toBe(false);
    const duplicates = [...perEvent.values()].reduce((sum, n) => sum + (n - 1), 0);
    const counted = await possibleDuplicates(survivor);
    // Every duplicate was a resumed post whose outcome the dead notifier never recorded...
    expect(duplicates).toBeLessThanOrEqual(counted);
    // ...and there cannot be more of those than it had posts in flight (both of its workers).
    expect(counted).toBeLessThanOrEqual(2 * CONCURRENCY);
    expect(await database.db.delivery.count({ where: { status: { not: 'sent' } } })).toBe(0);
  }, 90_000); // three processes started, killed and drained: slow on 2 busy cores
});
