import { randomBytes } from 'node:crypto';
import { FakeSlack, freePort } from '@chatops/testing';
import { chatops } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadFixture } from '../support/fixtures';
import { type ClusterCommandWatch, PrivateRedisCluster } from '../support/redis-cluster';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { waitFor } from '../support/wait';

const BOT_TOKEN = 'xoxb-e2e-cluster';
const push = loadFixture('push.json');

/**
 * The gateway and the notifier as their own processes on a real three-node Redis Cluster
 * (REDIS_CLUSTER=true, a hash-tagged QUEUE_PREFIX): a push is accepted, deduplicated, routed,
 * paced and posted to the fake Slack. Every command the nodes ran meanwhile, the services' own
 * and those inside BullMQ's scripts, is checked: each key is under the prefix, in its one slot.
 */
describe('GitLab push → Slack on a Redis Cluster, end to end', () => {
  const cluster = new PrivateRedisCluster();
  const prefix = `{chatops-e2e-${randomBytes(4).toString('hex')}}`;
  const services: RunningService[] = [];
  let database: TestDatabase;
  let slack: FakeSlack;
  let watch: ClusterCommandWatch;
  let hookUrl = '';
  let secret = '';

  beforeAll(async () => {
    await cluster.start();
    database = await createTestDatabase();
    slack = new FakeSlack();
    const { url: slackUrl } = await slack.start();
    slack.addWorkspace({
      teamId: 'T0CLU',
      botToken: BOT_TOKEN,
      botUserId: 'UBOT',
      channels: [{ id: 'C0GENERAL', name: 'general' }],
    });
    const gatewayPort = await freePort();
    const env = {
      ...serviceEnv(database.url, prefix),
      REDIS_URL: cluster.url,
      REDIS_CLUSTER: 'true',
      PUBLIC_URL: `http://127.0.0.1:${gatewayPort}`,
      SLACK_API_URL: `${slackUrl}/api`,
      // The sweeper takes its turn (a SET NX under the prefix) within the test.
      NOTIFIER_SWEEP_INTERVAL_MS: '500',
    };
    await chatops(
      ['project:add', '--gitlab-id', '15', '--path', 'mike/diaspora', '--name', 'Diaspora'].concat([
        '--web-url',
        'http://example.com/mike/diaspora',
        '--default-branch',
        'master',
      ]),
      env,
    );
    await chatops(['slack:install:add', '--team-id', 'T0CLU', '--bot-user-id', 'UBOT', '--bot-token', BOT_TOKEN], env);
    await chatops(
      ['integration:create', '--project', 'mike/diaspora', '--name', 'pushes', '--team-id', 'T0CLU'].concat([
        '--channel',
        'C0GENERAL',
        '--events',
        'push',
      ]),
      env,
    );
    const created = await chatops(['endpoint:create', '--project', 'mike/diaspora'], env);
    hookUrl = /URL:\s+(\S+)/.exec(created)?.[1] ?? '';
    secret = /Secret token:\s+(\S+)/.exec(created)?.[1] ?? '';
    watch = await cluster.watchCommands();
    services.push(
      await startService('gateway', { ...env, GATEWAY_PORT: String(gatewayPort) }),
      await startService('notifier', env),
    );
  }, 60_000);

  afterAll(async () => {
    await watch?.stop();
    await Promise.all(services.map((s) => s.stop()));
    await slack?.stop();
    await database?.drop();
    await cluster.stop();
  });

  const sendPush = (idempotencyKey: string) =>
    fetch(hookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitlab-event': 'Push Hook',
        'x-gitlab-token': secret,
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(push),
    });

  it('is ready, accepts a push once, and posts it', async () => {
    const [gateway, notifier] = services;
    // /healthz answers once a process listens; /readyz once its cluster and database connections
    // are up, which under a busy test run can take a moment longer.
    for (const service of [gateway, notifier])
      await waitFor(async () => (await fetch(`${service?.url}/readyz`)).status === 200, {
        what: `${service?.name} /readyz`,
      });

    expect((await sendPush('cluster-first')).status).toBe(202);
    expect(await (await sendPush('cluster-first')).json()).toEqual({ status: 'duplicate', eventKey: 'cluster-first' });
    const [message] = await waitFor(() => slack.messages('C0GENERAL').length === 1 && slack.messages('C0GENERAL'), {
      what: 'the Slack message',
    });
    expect(message?.text).toContain('John Smith pushed to branch');
    await waitFor(() => database.db.delivery.findFirst({ where: { eventKey: 'cluster-first', status: 'sent' } }), {
      what: 'the delivery record',
    });
  });

  it('touched only keys under the prefix, all in one hash slot', async () => {
    // Let the sweeper take a turn or two.
    await new Promise((r) => setTimeout(r, 1200));
    const report = await watch.report(cluster.url);
    const keys = [...report.slots.keys()];
    expect(report.crossSlot).toEqual([]);
    expect(keys.filter((key) => !key.startsWith(`${prefix}:`))).toEqual([]);
    expect(new Set(report.slots.values()).size).toBe(1);
    // What the flow was expected to touch: the webhook's dedupe key, the gateway's and the
    // notifier's token buckets, the sweeper's turn, and both queues (inside BullMQ's scripts).
    const families = {
      dedupe: keys.some((key) => key.startsWith(`${prefix}:events:de:`)),
      gatewayBucket: keys.some((key) => key.startsWith(`${prefix}:ratelimit:gateway:endpoint:`)),
      channelBucket: keys.some((key) => key.startsWith(`${prefix}:ratelimit:`) && !key.includes(':gateway:')),
      sweeperTurn: keys.includes(`${prefix}:delivery-sweeper:turn`),
    };
    expect(families).toEqual({ dedupe: true, gatewayBucket: true, channelBucket: true, sweeperTurn: true });
    expect(keys).toEqual(expect.arrayContaining([`${prefix}:events:wait`, `${prefix}:deliveries:wait`]));
    expect(report.multiKey).toBeGreaterThan(10);
  });
});
