import {
  alertPollingStatus,
  type AlertPollTarget,
  alertPollTargets,
  createEndpoint,
  createIntegration,
  SecretBox,
} from '@chatops/db';
import { ALERT_EVENT_NAME } from '@chatops/gitlab';
import { createProducerConnection, JobQueues, QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { AccessLevel, FakeGitLab } from '@chatops/testing';
import { type Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { seedDiasporaProject } from '@chatops/test-support/seed';
import { type AlertPollerDeps, alertPollHandler, pollProjectAlerts } from './poll-alerts';
import { projectGitLab } from './project-gitlab';

const logger = createLogger({ service: 'test', level: 'silent' });
const GITLAB_PROJECT_ID = 15;
const DEVELOPER_TOKEN = 'glpat-alerts-dev';
const NOW = new Date('2026-12-06T10:00:00.000Z');

/**
 * The poller over real PostgreSQL and Redis against the fake GitLab's GraphQL: what it queues for
 * the notifier (the notifier's side is test/e2e/alerts.e2e.test.ts).
 */
describe('alert polling', () => {
  let database: TestDatabase;
  let gitlab: FakeGitLab;
  let producer: Redis;
  let queues: JobQueues;
  let prefix: string;
  let projectId: string;
  let endpointId: string;
  const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));

  beforeAll(async () => {
    gitlab = new FakeGitLab({ now: () => NOW.getTime() });
    await gitlab.start();
    producer = createProducerConnection(testInfra().redisUrl);
  });
  afterAll(async () => {
    await gitlab.stop();
    producer.disconnect();
  });

  beforeEach(async () => {
    gitlab.reset();
    gitlab.addUser({ id: 1, username: 'dev', name: 'Dev', tokens: [DEVELOPER_TOKEN] });
    gitlab.addProject({
      id: GITLAB_PROJECT_ID,
      path_with_namespace: 'mike/diaspora',
      name: 'Diaspora',
      members: { 1: AccessLevel.Developer },
    });
    database = await createTestDatabase();
    prefix = uniquePrefix('alerts');
    queues = new JobQueues(producer, prefix);
    const project = await seedDiasporaProject(database.db, { webUrl: `${gitlab.url}/mike/diaspora` });
    projectId = project.id;
    await database.db.project.update({ where: { id: projectId }, data: { apiTokenSealed: box.seal(DEVELOPER_TOKEN) } });
    await createIntegration(database.db, {
      projectId,
      name: 'alerts',
      destination: 'slack_webhook',
      webhookUrlSealed: box.seal('https://hooks.slack.example/x'),
      routes: [{ event: 'alert' }],
    });
    endpointId = (await createEndpoint(database.db, { projectId })).endpoint.id;
  });
  afterEach(async () => {
    await queues.close();
    await deletePrefix(prefix);
    await database.drop();
  });

  /** A poller as a freshly started incident service builds it. */
  const poller = (): AlertPollerDeps => ({
    db: database.db,
    box,
    queues,
    gitlab: projectGitLab(undefined),
    now: () => NOW,
  });
  const round = async (deps = poller()) => {
    const job = await queues.queue(QueueName.AlertPolls).add('round', {});
    await alertPollHandler(deps)(
      { meta: { trace: {}, enqueuedAt: 0 } },
      { jobId: job.id ?? '', attempt: 1, log: logger, job },
    );
  };
  const queuedEvents = async () =>
    (await queues.queue(QueueName.Events).getJobs(['waiting', 'delayed', 'active', 'completed']))
      .map((job) => job.data as { eventKey: string; eventName: string; endpointId: string; payload: unknown })
      .sort((a, b) => a.eventKey.localeCompare(b.eventKey, 'en', { numeric: true }));
  const target = async (): Promise<AlertPollTarget> => {
    const [found] = await alertPollTargets(database.db);
    if (!found) throw new Error('no poll target');
    return found;
  };

  it('starts at the newest alert without posting history, then queues each new alert once', async () => {
    gitlab.addAlert(GITLAB_PROJECT_ID, { title: 'Old alert' });
    gitlab.addAlert(GITLAB_PROJECT_ID, { title: 'Older news' });
    await round();
    expect(await queuedEvents()).toEqual([]);
    expect((await target()).lastAlertIid).toBe(2);

    gitlab.addAlert(GITLAB_PROJECT_ID, {
      title: 'High error rate on web-1',
      severity: 'critical',
      eventCount: 3,
      startedAt: '2020-04-23T01:06:00.000Z',
    });
    await round();
    await round();
    expect(await queuedEvents()).toEqual([
      expect.objectContaining({
        endpointId,
        eventName: ALERT_EVENT_NAME,
        eventKey: `alert:${GITLAB_PROJECT_ID}:3`,
        payload: {
          object_kind: 'alert',
          project_name: 'mike / diaspora',
          object_attributes: {
            title: 'High error rate on web-1',
            url: `${gitlab.url}/mike/diaspora/-/alert_management/3/details`,
            severity: 'critical',
            events: 3,
            status: 'triggered',
            // GraphQL's Time, as GitLab writes it.
            started_at: '2020-04-23T01:06:00Z',
          },
        },
      }),
    ]);
    expect(await target()).toMatchObject({ lastAlertIid: 3, lastPolledAt: NOW, lastError: null });
  });

  it('starts from an empty project: its first alert is new', async () => {
    await round();
    expect((await target()).lastAlertIid).toBe(0);
    gitlab.addAlert(GITLAB_PROJECT_ID, { title: 'First' });
    await round();
    expect((await queuedEvents()).map((e) => e.eventKey)).toEqual([`alert:${GITLAB_PROJECT_ID}:1`]);
  });

  it('does not queue again after a restart, whose poller starts from the cursor in PostgreSQL', async () => {
    await round();
    gitlab.addAlert(GITLAB_PROJECT_ID, { title: 'Disk full' });
    await round();
    await round(poller());
    expect(await queuedEvents()).toHaveLength(1);
  });

  it('queues a burst oldest first, across pages', async () => {
    await round();
    for (let i = 1; i <= 120; i++) gitlab.addAlert(GITLAB_PROJECT_ID, { title: `Alert ${i}` });
    const graphqlCalls = gitlab.requestCount('POST /api/graphql');
    await round();
    const keys = (await queuedEvents()).map((e) => e.eventKey);
    expect(keys).toHaveLength(120);
    expect(new Set(keys).size).toBe(120);
    // 50 per page: three pages.
    expect(gitlab.requestCount('POST /api/graphql') - graphqlCalls).toBe(3);
    const jobs = await queues.queue(QueueName.Events).getJobs(['waiting'], 0, -1, true);
    expect(jobs.map((j) => (j.data as { eventKey: string }).eventKey)).toEqual(
      Array.from({ length: 120 }, (_, i) => `alert:${GITLAB_PROJECT_ID}:${i + 1}`),
    );
  });

  it('records a failure for operators and keeps the cursor, then picks up from it', async () => {
    await round();
    gitlab.addAlert(GITLAB_PROJECT_ID, { title: 'During the outage' });
    gitlab.failNext('POST /api/graphql', 1, { status: 502 });
    const outcome = await pollProjectAlerts(poller(), await target(), logger);
    expect(outcome).toEqual({ kind: 'failed', message: expect.stringContaining('GraphQL 502') });
    const [status] = await alertPollingStatus(database.db);
    expect(status).toMatchObject({ state: 'failing', lastAlertIid: 0, lastError: expect.stringContaining('502') });

    await round();
    expect(await queuedEvents()).toHaveLength(1);
    expect((await alertPollingStatus(database.db))[0]).toMatchObject({ state: 'polling', lastAlertIid: 1 });
  });

  it('fails a token GitLab refuses, and skips projects without a token or an endpoint', async () => {
    await database.db.project.update({ where: { id: projectId }, data: { apiTokenSealed: box.seal('glpat-wrong') } });
    expect(await pollProjectAlerts(poller(), await target(), logger)).toEqual({
      kind: 'failed',
      message: expect.stringContaining('401'),
    });

    await database.db.project.update({ where: { id: projectId }, data: { apiTokenSealed: null } });
    expect(await pollProjectAlerts(poller(), await target(), logger)).toEqual({ kind: 'skipped', reason: 'no_token' });
    expect((await alertPollingStatus(database.db))[0]?.state).toBe('no_token');

    await database.db.project.update({ where: { id: projectId }, data: { apiTokenSealed: box.seal(DEVELOPER_TOKEN) } });
    await database.db.webhookEndpoint.deleteMany({ where: { projectId } });
    expect(await pollProjectAlerts(poller(), await target(), logger)).toEqual({
      kind: 'skipped',
      reason: 'no_endpoint',
    });
    expect((await alertPollingStatus(database.db))[0]?.state).toBe('no_endpoint');
    expect(gitlab.requestCount('POST /api/graphql')).toBe(1);
  });
});
