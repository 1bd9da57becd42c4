import { createEndpoint, createIntegration, type DeliveryStatus } from '@chatops/db';
import { ALL_QUEUES, QueueName } from '@chatops/jobs';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { failEventJobs } from '@chatops/test-support/failed-events';
import { seedDiasporaProject } from '@chatops/test-support/seed';

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

interface Window {
  events: number;
  deliveries: Record<DeliveryStatus, number>;
  successRate: number | null;
}
interface StatsJson {
  generatedAt: string;
  windows: { lastHour: Window; lastDay: Window };
  queues: Array<{ name: string; waiting: number; active: number; delayed: number; failed: number }>;
  slowestChannels: Array<Record<string, unknown>>;
}

const noDeliveries = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };

describe('admin API: statistics', () => {
  let harness: AdminHarness;
  let diaspora: string;
  let other: string;
  let pushes: string;
  let alerts: string;
  let endpointId: string;

  /** A delivery of `integrationId` created `minutesAgo`, with one try per duration (made `triedAgo` minutes ago). */
  async function delivery(
    integrationId: string,
    eventKey: string,
    status: DeliveryStatus,
    minutesAgo: number,
    { channel = 'general', durations = [] as number[], triedAgo = minutesAgo } = {},
  ): Promise<string> {
    const { db } = harness.database;
    const row = await db.delivery.create({
      data: {
        integrationId,
        endpointId,
        eventKey,
        eventKind: 'push',
        channel,
        status,
        body: {},
        createdAt: ago(minutesAgo),
      },
    });
    for (const [i, durationMs] of durations.entries())
      await db.deliveryAttempt.create({
        data: { deliveryId: row.id, attempt: i + 1, outcome: 'sent', durationMs, createdAt: ago(triedAgo) },
      });
    return row.id;
  }

  const stats = async (query = '') => {
    const response = await harness.call('GET', `/api/v1/stats${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<StatsJson>();
  };

  beforeAll(async () => {
    harness = await startAdminApi();
    const { db } = harness.database;
    diaspora = (await seedDiasporaProject(db)).id;
    other = (await seedDiasporaProject(db, { gitlabProjectId: 16, pathWithNamespace: 'mike/other' })).id;
    endpointId = (await createEndpoint(db, { projectId: diaspora })).endpoint.id;
    const integration = async (projectId: string, name: string) =>
      (
        await createIntegration(db, {
          projectId,
          name,
          destination: 'slack_webhook',
          webhookUrlSealed: harness.box.seal('https://hooks.example.com/x'),
          routes: [{ event: 'push' }],
        })
      ).id;
    pushes = await integration(diaspora, 'pushes');
    alerts = await integration(other, 'alerts');
  });
  afterEach(async () => {
    await harness.database.db.delivery.deleteMany();
    for (const name of ALL_QUEUES) await harness.queues.queue(name).obliterate({ force: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('answers zeros, no success rate and every queue when nothing happened', async () => {
    const before = Date.now();
    const body = await stats();
    expect(Date.parse(body.generatedAt)).toBeGreaterThanOrEqual(before - 1000);
    const empty = { events: 0, deliveries: noDeliveries, successRate: null };
    expect(body.windows).toEqual({ lastHour: empty, lastDay: empty });
    expect(body.queues).toEqual(ALL_QUEUES.map((name) => ({ name, waiting: 0, active: 0, delayed: 0, failed: 0 })));
    expect(body.slowestChannels).toEqual([]);
  });

  it('counts the last hour and day by the deliveries created in them, each event once', async () => {
    // The last hour: event a went to two channels (sent, failed), b is pending.
    await delivery(pushes, 'a', 'sent', 5, { channel: 'general' });
    await delivery(pushes, 'a', 'failed', 5, { channel: 'dev' });
    await delivery(alerts, 'b', 'pending', 59);
    // Earlier that day: c sent, d skipped and sending; and one from the day before.
    await delivery(pushes, 'c', 'sent', 61);
    await delivery(alerts, 'd', 'skipped', 23 * 60);
    await delivery(alerts, 'd', 'sending', 23 * 60, { channel: 'ops' });
    await delivery(pushes, 'e', 'sent', 25 * 60);
    const { windows } = await stats();
    expect(windows.lastHour).toEqual({
      events: 2,
      deliveries: { ...noDeliveries, sent: 1, failed: 1, pending: 1 },
      successRate: 0.5,
    });
    expect(windows.lastDay).toEqual({
      events: 4,
      deliveries: { pending: 1, sending: 1, sent: 2, failed: 1, skipped: 1 },
      successRate: 2 / 3,
    });
  });

  it("ranks the last day's five slowest channels by the 95th percentile of their tries", async () => {
    // general: five tries over two deliveries; p50 300, p95 400 + 0.8 × 600 = 880.
    await delivery(pushes, 'a', 'sent', 10, { channel: 'general', durations: [100, 200, 300] });
    await delivery(pushes, 'b', 'sent', 10, { channel: 'general', durations: [400, 1000] });
    // A delivery of the day before replayed an hour ago counts; tries of the day before do not.
    await delivery(pushes, 'c', 'sent', 48 * 60, { channel: 'replayed', durations: [5000], triedAgo: 60 });
    await delivery(pushes, 'd', 'sent', 48 * 60, { channel: 'old', durations: [9000] });
    for (const [i, ms] of [50, 60, 70, 80].entries())
      await delivery(alerts, `f${i}`, 'sent', 30, { channel: `fast-${i}`, durations: [ms] });
    const { slowestChannels } = await stats();
    expect(slowestChannels).toEqual([
      {
        integrationId: pushes,
        integrationName: 'pushes',
        projectPath: 'mike/diaspora',
        channel: 'replayed',
        deliveries: 1,
        p50Ms: 5000,
        p95Ms: 5000,
        maxMs: 5000,
      },
      {
        integrationId: pushes,
        integrationName: 'pushes',
        projectPath: 'mike/diaspora',
        channel: 'general',
        deliveries: 2,
        p50Ms: 300,
        p95Ms: 880,
        maxMs: 1000,
      },
      expect.objectContaining({ projectPath: 'mike/other', channel: 'fast-3', p95Ms: 80 }),
      expect.objectContaining({ channel: 'fast-2' }),
      expect.objectContaining({ channel: 'fast-1' }),
    ]);
  });

  it('narrows the windows and the slowest channels to the projects given, never the queues', async () => {
    await delivery(pushes, 'a', 'sent', 5, { durations: [100] });
    await delivery(alerts, 'b', 'failed', 5, { durations: [200] });
    await harness.queues.enqueue(QueueName.Deliveries, { deliveryId: 'x' });
    const mine = await stats(`?projectIds=${diaspora}`);
    expect(mine.windows.lastHour).toEqual({ events: 1, deliveries: { ...noDeliveries, sent: 1 }, successRate: 1 });
    expect(mine.slowestChannels.map((c) => c.integrationId)).toEqual([pushes]);
    expect(mine.queues.find((q) => q.name === QueueName.Deliveries)).toMatchObject({ waiting: 1 });
    const both = await stats(`?projectIds=${diaspora},%20${other}`);
    expect(both.windows.lastHour.deliveries).toMatchObject({ sent: 1, failed: 1 });
    const none = await stats('?projectIds=nosuchproject');
    expect(none.windows.lastDay).toEqual({ events: 0, deliveries: noDeliveries, successRate: null });
    expect(none.slowestChannels).toEqual([]);
  });

  it('counts each queue: waiting, delayed and failed jobs', async () => {
    await harness.queues.enqueue(QueueName.Deliveries, { deliveryId: 'd1' });
    await harness.queues.enqueue(QueueName.Deliveries, { deliveryId: 'd2' });
    await harness.queues.enqueue(QueueName.Deliveries, { deliveryId: 'd3' }, { delayMs: 60_000 });
    await failEventJobs(harness.queues, ['e1']);
    const { queues } = await stats();
    expect(queues.find((q) => q.name === QueueName.Deliveries)).toEqual({
      name: QueueName.Deliveries,
      waiting: 2,
      active: 0,
      delayed: 1,
      failed: 0,
    });
    expect(queues.find((q) => q.name === QueueName.Events)).toMatchObject({ waiting: 0, failed: 1 });
  });

  it.each([
    ['an empty projectIds', '?projectIds=', 'projectIds'],
    ['a malformed project id', '?projectIds=a,b%20c', 'projectIds.1'],
    ['an unknown parameter', '?window=week', 'window'],
  ])('refuses %s with 400 naming the parameter', async (_label, query, path) => {
    const response = await harness.call('GET', `/api/v1/stats${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toContainEqual({ path, message: expect.any(String) });
  });
});
