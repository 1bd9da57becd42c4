import { ChatSenders } from '@chatops/chat';
import { withStorableStrings } from '@chatops/gitlab';
import {
  createEndpoint,
  createIntegration,
  findIntegrationWithDestination,
  integrationsForEndpoint,
  SecretBox,
} from '@chatops/db';
import { TtlCache } from '@chatops/runtime';
import { createProducerConnection, createWorkerConnection, defineWorker, JobQueues, QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { OutboundGuard, OutboundPolicy } from '@chatops/outbound';
import { type FakeSlack } from '@chatops/testing';
import { type Job, type Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { Counter, Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { loadFixture } from '@chatops/test-support/fixtures';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { startTeamT1Slack } from '@chatops/test-support/one-channel-slack';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { seedDiasporaProject, seedSlackInstallation } from '@chatops/test-support/seed';
import { waitFor } from '@chatops/test-support/wait';
import { deliveryAttempts } from '../delivery/attempt-delivery';
import { ChannelRateLimiter } from '../delivery/channel-rate-limiter';
import { UnrecordedPosts } from '../delivery/unrecorded-posts';
import { PipelineEnricher } from '../enrichment/pipeline-enricher';
import { deliverHandler } from './deliver';
import { incidentChannelLoader } from './incident-channel';
import { routeEventHandler } from './route-event';

const push = loadFixture('push.json');
// These tests change settings between events, so the handlers read them fresh every time.
const uncached = <V>(load: (key: string) => Promise<V | null>) =>
  new TtlCache(load, { ttlMs: 0, missTtlMs: 0, maxEntries: 1 });
const mergeRequest = loadFixture('merge_request.json');
const pipeline = loadFixture<{ object_attributes: Record<string, unknown> } & Record<string, unknown>>('pipeline.json');
// The fixture's note is on merge request !1 of another project; move it onto the merge request above.
const noteOnMergeRequest = { ...loadFixture('note_merge_request.json'), project_id: 1, project: mergeRequest.project };
const TOKEN = 'xoxb-handlers';
/** How long a claim keeps other tries away (the notifier's is the job lock plus the post timeout). */
const TAKE_OVER_MS = 1000;

/**
 * The notifier's two workers in-process, over real Redis and PostgreSQL, posting to the fake Slack:
 * once with every delivery going through the deliveries queue (a routing-only process), once with
 * the routing job making the first try itself (a process working both queues, the default).
 */
describe.each([
  ['through the deliveries queue', false],
  ['first try from the routing job', true],
])('notifier handlers (%s)', (_mode, postFromRouting) => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let box: SecretBox;
  let endpointId: string;
  let installationId: string;
  let projectId: string;
  let prefix: string;
  let producer: Redis;
  let consumer: Redis;
  let queues: JobQueues;
  let possibleDuplicates: Counter;
  let workers: Worker[] = [];
  let route: ReturnType<typeof routeEventHandler>;
  /** Jobs the deliveries worker has taken, by delivery id. */
  let deliveryJobs: string[] = [];
  let eventCounter = 0;
  const outbound = new OutboundGuard(OutboundPolicy.strict());

  async function integrationFor(
    channel: string,
    options: { events?: string[]; threading?: boolean; branches?: 'all' | 'default' } = {},
  ): Promise<string> {
    const integration = await createIntegration(database.db, {
      projectId,
      name: `i-${channel}-${eventCounter++}`,
      destination: 'slack_bot',
      slackInstallationId: installationId,
      defaultChannel: channel,
      branchesToBeNotified: options.branches ?? 'all',
      notifyOnlyBrokenPipelines: false,
      threading: options.threading ?? true,
      routes: (options.events ?? ['push']).map((event) => ({ event })),
    });
    return integration.id;
  }

  async function sendEvent(
    eventKey: string,
    eventName = 'Push Hook',
    payload: Record<string, unknown> = push,
  ): Promise<void> {
    await queues.enqueue(QueueName.Events, {
      endpointId,
      eventName,
      eventKey,
      receivedAt: new Date().toISOString(),
      payload,
    });
  }

  const deliveriesOf = (eventKey: string) =>
    database.db.delivery.findMany({
      where: { eventKey },
      include: { attemptLog: { orderBy: [{ attempt: 'asc' }, { createdAt: 'asc' }] } },
    });
  const settled = (eventKey: string, count = 1) =>
    waitFor(
      async () => {
        const rows = await deliveriesOf(eventKey);
        return rows.length === count && rows.every((r) => r.status === 'sent' || r.status === 'failed') && rows;
      },
      { timeoutMs: 15_000, what: `deliveries of ${eventKey} to settle` },
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startTeamT1Slack(TOKEN, [
      { id: 'CGEN', name: 'general' },
      { id: 'CDEV', name: 'dev' },
      { id: 'CRACE', name: 'race' },
    ]);
    box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
    const project = await seedDiasporaProject(database.db, { webUrl: 'http://example.com/mike/diaspora' });
    projectId = project.id;
    endpointId = (await createEndpoint(database.db, { projectId })).endpoint.id;
    installationId = (await seedSlackInstallation(database.db, box, { botToken: TOKEN })).id;

    prefix = uniquePrefix('notifier');
    producer = createProducerConnection(testInfra().redisUrl);
    consumer = createWorkerConnection(testInfra().redisUrl);
    queues = new JobQueues(producer, prefix);
    possibleDuplicates = new Counter({ name: 'dups', help: 'dups', registers: [new Registry()] });
    const options = { connection: consumer, prefix, logger: createLogger({ service: 'test', level: 'silent' }) };
    // As in production, no internal webhook target is allowed (the Slack Web API is the operator's
    // SLACK_API_URL, not guarded): the test of an internal webhook below relies on it.
    const senders = new ChatSenders({ slackApiUrl: `${slack.url}/api`, outbound });
    const integrations = uncached((id) => findIntegrationWithDestination(database.db, id));
    const unrecorded = new UnrecordedPosts(producer, prefix);
    const { attempt, postClaimed } = deliveryAttempts({
      db: database.db,
      sql: database.sql,
      box,
      senders,
      integrations,
      possibleDuplicates,
      unrecorded,
      takeOverAfterMs: TAKE_OVER_MS,
    });
    const pace = new ChannelRateLimiter(producer, prefix, { perSecond: 2, burst: 3 });
    const pipelines = new PipelineEnricher({
      box,
      logger: options.logger,
      gitlab: null,
      timeoutMs: 500,
      ttlMs: 1000,
    });
    route = routeEventHandler({
      db: database.db,
      sql: database.sql,
      skipped: new Counter({ name: 'skipped', help: 'skipped', labelNames: ['reason'], registers: [new Registry()] }),
      queues,
      pipelines,
      integrations: uncached((id) => integrationsForEndpoint(database.db, id)),
      incidentChannels: uncached(incidentChannelLoader(database.db)),
      ...(postFromRouting ? { postNow: { postClaimed, pace } } : {}),
    });
    workers = [
      defineWorker(QueueName.Events, route, options),
      defineWorker(QueueName.Deliveries, deliverHandler({ sql: database.sql, integrations, attempt, pace }), options),
    ];
    workers[1]?.on('active', (job) => deliveryJobs.push(String(job.id)));
  });

  afterEach(async () => {
    await database.db.integration.deleteMany();
    deliveryJobs = [];
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await queues.close();
    producer.disconnect();
    consumer.disconnect();
    await deletePrefix(prefix);
    await slack.stop();
    await outbound.close();
    await database.drop();
  });

  it('routes one event to every channel once, even when the event is processed twice', async () => {
    await integrationFor('CGEN');
    await integrationFor('CDEV');
    const before = slack.callCount('chat.postMessage');
    await sendEvent('twice');
    await sendEvent('twice');
    const rows = await settled('twice', 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(rows.map((r) => [r.channel, r.status, r.attempts]).sort()).toEqual([
      ['CDEV', 'sent', 1],
      ['CGEN', 'sent', 1],
    ]);
    expect(slack.callCount('chat.postMessage') - before).toBe(2);
  });

  it(
    postFromRouting
      ? 'posts from the routing job, with no deliveries job'
      : 'posts every delivery through a deliveries job',
    async () => {
      await integrationFor('CGEN');
      await sendEvent('direct');
      const [row] = await settled('direct');
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      expect(deliveryJobs.includes(row?.id ?? '')).toBe(!postFromRouting);
    },
  );

  it.each([
    ['died mid-post (BullMQ runs it again with its stalled counter raised)', { stalledCounter: 1, attemptsMade: 0 }],
    ['failed after planning (BullMQ retries it)', { stalledCounter: 0, attemptsMade: 1 }],
  ])(
    'posts again, counted, a delivery claimed by an earlier run of the same event job that %s',
    async (_how, rerun) => {
      const integrationId = await integrationFor('CGEN');
      const eventKey = `rerun-${rerun.stalledCounter}`;
      // Claimed, never recorded: as a run that died mid-post, or failed after planning, leaves it.
      await database.db.delivery.create({
        data: {
          integrationId,
          endpointId,
          eventKey,
          eventKind: 'push',
          channel: 'CGEN',
          status: 'sending',
          body: { text: 'hello' },
        },
      });
      const before = (await possibleDuplicates.get()).values[0]?.value ?? 0;
      // A first run of the job finding it is a second copy of the event while the first is still
      // posting (the test above): it must leave it alone.
      const data = {
        endpointId,
        eventName: 'Push Hook',
        eventKey,
        receivedAt: new Date().toISOString(),
        payload: push,
        meta: { trace: {}, enqueuedAt: Date.now() },
      };
      const log = createLogger({ service: 'test', level: 'silent' });
      await route(data, { jobId: eventKey, attempt: 1, log, job: { stalledCounter: 0, attemptsMade: 0 } as Job });
      await new Promise((r) => setTimeout(r, 300));
      expect((await deliveriesOf(eventKey))[0]?.status).toBe('sending');
      await route(data, { jobId: eventKey, attempt: 1 + rerun.attemptsMade, log, job: rerun as Job });
      const [row] = await settled(eventKey);
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      expect((await possibleDuplicates.get()).values[0]?.value).toBe(before + 1);
    },
  );

  it('posts once when a second job comes for a delivery another try is posting', async () => {
    // A channel of its own, so no other test's posts pace this one.
    await integrationFor('CRACE');
    const before = slack.messages('CRACE').length;
    const duplicatesBefore = (await possibleDuplicates.get()).values[0]?.value ?? 0;
    slack.setLatency(400);
    try {
      await sendEvent('contended');
      const row = await waitFor(async () => (await deliveriesOf('contended')).find((r) => r.status === 'sending'), {
        what: 'the first try to claim the delivery',
      });
      // As a replay or the sweeper could, while the first try is still posting.
      const second = `${row.id}-second`;
      await queues.enqueue(QueueName.Deliveries, { deliveryId: row.id }, { jobId: second });
      await settled('contended');
      await waitFor(
        async () =>
          deliveryJobs.includes(second) && (await queues.queue(QueueName.Deliveries).getJobState(second)) === 'unknown',
        { what: 'the second job to finish' },
      );
    } finally {
      slack.setLatency(0);
    }
    expect(slack.messages('CRACE').length - before).toBe(1);
    expect((await possibleDuplicates.get()).values[0]?.value ?? 0).toBe(duplicatesBefore);
  });

  it('stops at once on a permanent error and records why', async () => {
    await integrationFor('CNOPE');
    await sendEvent('not-found');
    const [row] = await settled('not-found');
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'channel_not_found' });
    expect(row?.attemptLog.map((a) => a.outcome)).toEqual(['failed']);
  });

  it.each([
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'msg_too_long',
    'no_permission',
    'missing_scope',
    'invalid_auth',
    'account_inactive',
    'token_revoked',
  ])("fails at once, with Slack's reason, a delivery Slack answers %s", async (slackError) => {
    await integrationFor('CGEN');
    slack.failNext('chat.postMessage', 1, { error: slackError });
    try {
      await sendEvent(`slack-${slackError}`);
      const [row] = await settled(`slack-${slackError}`);
      expect(row).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: slackError });
      expect(row?.attemptLog.map((a) => [a.outcome, a.errorCode])).toEqual([['failed', slackError]]);
    } finally {
      await database.db.slackInstallation.update({ where: { id: installationId }, data: { revokedAt: null } });
    }
  });

  it("records, with U+FFFD in their place, NUL and lone surrogates in a chat's error", async () => {
    await integrationFor('CGEN');
    slack.failNext('chat.postMessage', 1, { error: 'odd\u0000error\ud800' });
    await sendEvent('odd-error');
    const [row] = await settled('odd-error');
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'odd\uFFFDerror\uFFFD' });
  });

  it('marks the installation revoked when Slack says its token is dead, so the next delivery fails at once', async () => {
    await integrationFor('CGEN');
    const auditsBefore = await database.db.auditEntry.count({ where: { action: 'slack_installation.revoked' } });
    slack.failNext('chat.postMessage', 1, { error: 'invalid_auth' });
    try {
      await sendEvent('dead-token');
      const [row] = await settled('dead-token');
      expect(row).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'invalid_auth' });
      // Marked before the failure is recorded.
      const installation = await database.db.slackInstallation.findUniqueOrThrow({ where: { id: installationId } });
      expect(installation.revokedAt).toBeInstanceOf(Date);
      const audits = await database.db.auditEntry.findMany({
        where: { action: 'slack_installation.revoked' },
        orderBy: { createdAt: 'asc' },
      });
      expect(audits).toHaveLength(auditsBefore + 1);
      expect(audits.at(-1)).toMatchObject({
        actor: 'slack',
        target: installationId,
        details: expect.objectContaining({ teamId: installation.teamId, reason: 'invalid_auth' }),
      });

      const posts = slack.callCount('chat.postMessage');
      await sendEvent('after-dead-token');
      const [next] = await settled('after-dead-token');
      expect(next).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'installation_revoked' });
      expect(slack.callCount('chat.postMessage')).toBe(posts);
    } finally {
      await database.db.slackInstallation.update({ where: { id: installationId }, data: { revokedAt: null } });
    }
  });

  it('posts a payload the gateway cleaned of NUL and lone surrogates, with U+FFFD in their place', async () => {
    await integrationFor('CGEN');
    const [first, ...rest] = push.commits as Array<Record<string, unknown>>;
    // The body GitLab sends (escapes as JSON.stringify writes them), parsed and cleaned as the gateway does.
    const text = 'Fix\u0000 login \ud800 🚀';
    const raw = JSON.stringify({ ...push, commits: [{ ...first, message: text, title: text }, ...rest] });
    const before = slack.messages('CGEN').length;
    await sendEvent('cleaned', 'Push Hook', withStorableStrings(JSON.parse(raw) as Record<string, unknown>));
    const [row] = await settled('cleaned');
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    const posted = JSON.stringify(slack.messages('CGEN').slice(before));
    expect(posted).toContain('Fix\uFFFD login \uFFFD 🚀');
    expect(JSON.stringify(row?.body)).toContain('Fix\uFFFD login \uFFFD 🚀');
  });

  it.each([
    ['NUL', 'Fix\u0000 login', 'unsupported Unicode escape sequence'],
    ['a lone surrogate', 'Fix \ud800 login', 'invalid input syntax for type json'],
  ])(
    'fails an event at once, saying why, when PostgreSQL refuses its data (%s, not cleaned by a gateway)',
    async (_what, message, refusal) => {
      await integrationFor('CGEN');
      const [first, ...rest] = push.commits as Array<Record<string, unknown>>;
      const eventKey = `refused-${message.length}`;
      const { jobId } = await queues.enqueue(QueueName.Events, {
        endpointId,
        eventName: 'Push Hook',
        eventKey,
        receivedAt: new Date().toISOString(),
        payload: { ...push, commits: [{ ...first, message, title: message }, ...rest] },
      });
      const job = await waitFor(async () => {
        const found = await queues.queue(QueueName.Events).getJob(jobId);
        return found && (await found.getState()) === 'failed' && found;
      });
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toMatch(
        /^unstorable_value: PostgreSQL refused a value of this event \(SQLSTATE 22P0[25]\): /,
      );
      expect(job.failedReason).toContain(refusal);
      expect(await deliveriesOf(eventKey)).toEqual([]);
    },
  );

  it('fails at once, saying why, a delivery to a webhook whose host resolves to an internal address', async () => {
    const hook = new URL(slack.createIncomingWebhook({ channel: 'CGEN', teamId: 'T1' }));
    await createIntegration(database.db, {
      projectId,
      name: `i-internal-${eventCounter++}`,
      destination: 'slack_webhook',
      // Stored directly: the admin API and the CLI refuse `localhost` as input.
      webhookUrlSealed: box.seal(`http://localhost:${hook.port}${hook.pathname}`),
      branchesToBeNotified: 'all',
      routes: [{ event: 'push' }],
    });
    await sendEvent('internal-webhook');
    const [row] = await settled('internal-webhook');
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastErrorCode: 'outbound_refused',
      lastErrorMessage: expect.stringMatching(
        /^outbound_refused: localhost resolves to a loopback address \((127\.0\.0\.1|::1)\); chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them$/,
      ),
    });
    expect(row?.attemptLog.map((a) => [a.outcome, a.errorCode])).toEqual([['failed', 'outbound_refused']]);
    expect(slack.webhookPosts(hook.href)).toEqual([]);
  });

  it('records why an event was not sent, and keeps the default branch GitLab announces', async () => {
    const strict = await integrationFor('CGEN', { branches: 'default' });
    await integrationFor('CDEV', { events: ['issue'] });
    const project = await database.db.project.update({ where: { id: projectId }, data: { defaultBranch: 'main' } });
    // The fixture's project says its default branch is master; this push is to another branch.
    await sendEvent('feature-push', 'Push Hook', { ...push, ref: 'refs/heads/feature/login' });
    const rows = await waitFor(async () => {
      const found = await deliveriesOf('feature-push');
      return found.length > 0 && found;
    });
    // Only the integration that notifies pushes records a decision: the issue-only one stays quiet.
    expect(rows.map((r) => ({ ...r, attemptLog: undefined }))).toEqual([
      expect.objectContaining({
        integrationId: strict,
        channel: '',
        status: 'skipped',
        attempts: 0,
        lastErrorCode: 'branch_not_notified',
        lastErrorMessage:
          'branch feature/login is not the default branch (master); this integration notifies the default branch only',
      }),
    ]);
    const refreshed = await waitFor(async () => {
      const row = await database.db.project.findUnique({ where: { id: project.id } });
      return row?.defaultBranch === 'master' && row;
    });
    expect(refreshed.defaultBranch).toBe('master');
  });

  it('retries server errors with backoff until the post goes through', async () => {
    await integrationFor('CGEN');
    slack.failNext('chat.postMessage', 2, { status: 500 });
    await sendEvent('flaky');
    const [row] = await settled('flaky');
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    expect(row?.attemptLog.map((a) => [a.attempt, a.outcome, a.errorCode, a.httpStatus])).toEqual([
      [1, 'retry', 'http_500', 500],
      [2, 'retry', 'http_500', 500],
      [3, 'sent', null, null],
    ]);
    // Exponential backoff with jitter: 0.5–1 s, then 1–2 s. The deliveries queue's backoff starts
    // anew after a first try made by the routing job: 0.5–1 s twice, then doubling.
    const [first, second, third] = row?.attemptLog.map((a) => a.createdAt.getTime()) ?? [];
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(450);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(postFromRouting ? 450 : 950);
  });

  it("waits Slack's Retry-After on a 429, without spending an attempt", async () => {
    await integrationFor('CGEN');
    slack.failNext('chat.postMessage', 1, { retryAfterSeconds: 2 });
    await sendEvent('limited');
    const [row] = await settled('limited');
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const [limited, sent] = row?.attemptLog ?? [];
    expect(limited).toMatchObject({ outcome: 'retry', errorCode: 'ratelimited', httpStatus: 429 });
    expect((sent?.createdAt.getTime() ?? 0) - (limited?.createdAt.getTime() ?? 0)).toBeGreaterThanOrEqual(1900);
    // The exponential backoff after a first failure is 1 s: a 2 s gap can only be Retry-After.
    expect(sent?.attempt).toBe(1);
  });

  it('posts again, counted, when an earlier try ended without an outcome', async () => {
    const integrationId = await integrationFor('CGEN');
    const delivery = await database.db.delivery.create({
      data: {
        integrationId,
        endpointId,
        eventKey: 'unknown-outcome',
        eventKind: 'push',
        channel: 'CGEN',
        status: 'sending',
        body: { text: 'hello' },
      },
    });
    const before = (await possibleDuplicates.get()).values[0]?.value ?? 0;
    await queues.enqueue(QueueName.Deliveries, { deliveryId: delivery.id }, { jobId: delivery.id });
    await settled('unknown-outcome');
    expect((await possibleDuplicates.get()).values[0]?.value).toBe(before + 1);
  });

  it('paces a busy channel without holding up another', async () => {
    const integrationId = await integrationFor('CGEN');
    const deliver = async (eventKey: string, channel: string) => {
      const row = await database.db.delivery.create({
        data: { integrationId, endpointId, eventKey, eventKind: 'push', channel, body: { text: eventKey } },
      });
      await queues.enqueue(QueueName.Deliveries, { deliveryId: row.id }, { jobId: row.id });
    };
    for (let i = 0; i < 5; i++) await deliver(`paced-${i}`, 'CDEV');
    await deliver('quiet', 'CGEN');
    const rows = await Promise.all([0, 1, 2, 3, 4].map(async (i) => (await settled(`paced-${i}`))[0]));
    const [quietRow] = await settled('quiet');
    const sentAt = rows.map((r) => r?.sentAt?.getTime() ?? 0).sort((a, b) => a - b);
    // Burst of 3, then 2 per second: the fifth post is at least ~0.9 s after the first.
    expect((sentAt[4] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(900);
    // Pacing spends no attempts and records nothing but the one successful post.
    expect(rows.every((r) => r?.status === 'sent' && r.attempts === 1 && r.attemptLog.length === 1)).toBe(true);
    // The other channel was not queued behind the paced ones.
    expect(quietRow?.sentAt?.getTime() ?? Infinity).toBeLessThan(sentAt[4] ?? 0);
  });

  describe('threading', () => {
    const merged = {
      ...mergeRequest,
      object_attributes: { ...(mergeRequest.object_attributes as object), action: 'merge', state: 'merged' },
    };

    it('replies to the first message about a merge request, comments included', async () => {
      await integrationFor('CGEN', { events: ['merge_request', 'note'] });
      const before = slack.messages('CGEN').length;
      await sendEvent('mr-open', 'Merge Request Hook', mergeRequest);
      await settled('mr-open');
      await sendEvent('mr-note', 'Note Hook', noteOnMergeRequest);
      await sendEvent('mr-merge', 'Merge Request Hook', merged);
      await Promise.all([settled('mr-note'), settled('mr-merge')]);
      const [root, ...replies] = slack.messages('CGEN').slice(before);
      expect(root?.thread_ts).toBeUndefined();
      expect(replies).toHaveLength(2);
      expect(replies.every((r) => r.thread_ts === root?.ts)).toBe(true);
      expect(replies.map((r) => r.text).join('\n')).toMatch(/merged merge request/);
    });

    it('starts one thread when two updates about the same merge request are posted at once', async () => {
      // A channel of its own: the other tests' posts would pace this one's and keep the two apart.
      await integrationFor('CRACE', { events: ['merge_request'] });
      const before = slack.messages('CRACE').length;
      // Slow posts keep both deliveries between "no thread yet" and "thread recorded" together.
      slack.setLatency(150);
      try {
        await Promise.all([
          sendEvent('race-open', 'Merge Request Hook', mergeRequest),
          sendEvent('race-merge', 'Merge Request Hook', merged),
        ]);
        const [[opened], [mergedRow]] = await Promise.all([settled('race-open'), settled('race-merge')]);
        const posted = slack.messages('CRACE').slice(before);
        expect(posted).toHaveLength(2);
        const roots = posted.filter((m) => m.thread_ts === undefined);
        expect(roots).toHaveLength(1);
        expect(posted.find((m) => m.thread_ts !== undefined)?.thread_ts).toBe(roots[0]?.ts);
        expect([opened?.status, mergedRow?.status]).toEqual(['sent', 'sent']);
        // The one that waited for the root says so in its delivery log.
        const waited = [opened, mergedRow].find((row) =>
          row?.attemptLog.some((a) => a.errorCode === 'thread_root_pending'),
        );
        expect(waited?.attemptLog.map((a) => a.outcome)).toEqual(['retry', 'sent']);
      } finally {
        slack.setLatency(0);
      }
    });

    it('keeps one card per pipeline, edited in place as its status changes', async () => {
      await integrationFor('CDEV', { events: ['pipeline'] });
      const failed = { ...pipeline, object_attributes: { ...pipeline.object_attributes, status: 'failed', id: 4242 } };
      const passed = { ...pipeline, object_attributes: { ...pipeline.object_attributes, status: 'success', id: 4242 } };
      const before = slack.messages('CDEV').length;
      const updates = slack.callCount('chat.update');
      await sendEvent('pl-failed', 'Pipeline Hook', failed);
      await settled('pl-failed');
      await sendEvent('pl-passed', 'Pipeline Hook', passed);
      const [row] = await settled('pl-passed');
      const cards = slack.messages('CDEV').slice(before);
      expect(cards).toHaveLength(1);
      expect(slack.callCount('chat.update') - updates).toBe(1);
      expect(JSON.stringify(cards[0]?.attachments)).toMatch(/has passed/);
      expect(row?.remoteMessageId).toBe(cards[0]?.ts);
    });

    it('posts separate messages when an integration turns threading off', async () => {
      await integrationFor('CGEN', { events: ['merge_request'], threading: false });
      const before = slack.messages('CGEN').length;
      await sendEvent('flat-open', 'Merge Request Hook', mergeRequest);
      await settled('flat-open');
      await sendEvent('flat-merge', 'Merge Request Hook', merged);
      await settled('flat-merge');
      expect(
        slack
          .messages('CGEN')
          .slice(before)
          .map((m) => m.thread_ts),
      ).toEqual([undefined, undefined]);
    });
  });

  it('fails deliveries of a revoked installation, for good, without posting', async () => {
    await integrationFor('CGEN');
    await database.db.slackInstallation.update({ where: { id: installationId }, data: { revokedAt: new Date() } });
    const posts = slack.callCount('chat.postMessage');
    try {
      await sendEvent('revoked');
      const [row] = await settled('revoked');
      expect(row).toMatchObject({ status: 'failed', lastErrorCode: 'installation_revoked', attempts: 1 });
      expect(slack.callCount('chat.postMessage')).toBe(posts);
    } finally {
      await database.db.slackInstallation.update({ where: { id: installationId }, data: { revokedAt: null } });
    }
  });

  it('posts nothing to a workspace waiting for approval: its deliveries fail for good as installation_pending', async () => {
    await integrationFor('CGEN');
    await database.db.slackInstallation.update({ where: { id: installationId }, data: { pendingApproval: true } });
    const posts = slack.callCount('chat.postMessage');
    try {
      await sendEvent('pending');
      const [row] = await settled('pending');
      expect(row).toMatchObject({ status: 'failed', lastErrorCode: 'installation_pending', attempts: 1 });
      expect(slack.callCount('chat.postMessage')).toBe(posts);
    } finally {
      await database.db.slackInstallation.update({ where: { id: installationId }, data: { pendingApproval: false } });
    }
  });
});
