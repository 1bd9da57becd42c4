import { createEndpoint, createIntegration, type DeliveryStatus } from '@chatops/db';
import { QueueName } from '@chatops/jobs';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { seedDiasporaProject } from '@chatops/test-support/seed';

interface DeliveryJson {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  lastErrorCode: string | null;
  attemptLog: Array<{ attempt: number; outcome: string; errorCode: string | null }>;
}
interface PageJson {
  items: DeliveryJson[];
  nextCursor: string | null;
}

describe('admin API: delivery log, dead letters and replay', () => {
  let harness: AdminHarness;
  let endpointId: string;
  let first: string;
  let second: string;
  let seq = 0;

  /** A delivery `minutesAgo` old, with one recorded attempt per outcome given. */
  it('says why a skipped delivery cannot be replayed', async () => {
    const id = await delivery(first, 'skipped', 1);
    expect((await replay(id)).json().error.message).toMatch(/skipped by the integration's settings/);
  });

  async function delivery(
    integrationId: string,
    status: DeliveryStatus,
    minutesAgo: number,
    outcomes: string[] = [],
    channel = 'general',
  ): Promise<string> {
    const { db } = harness.database;
    const row = await db.delivery.create({
      data: {
        integrationId,
        endpointId,
        eventKey: `event-${seq++}`,
        eventKind: 'push',
        channel,
        status,
        body: { text: 'hi' },
        attempts: outcomes.length,
        lastErrorCode: status === 'failed' ? 'channel_not_found' : null,
        lastErrorMessage: status === 'failed' ? 'chat provider error' : null,
        createdAt: new Date(Date.UTC(2026, 0, 1) - minutesAgo * 60_000),
      },
    });
    for (const [i, outcome] of outcomes.entries()) {
      await db.deliveryAttempt.create({
        data: {
          deliveryId: row.id,
          attempt: i + 1,
          outcome,
          errorCode: outcome === 'sent' ? null : 'internal_error',
          durationMs: 5,
        },
      });
    }
    return row.id;
  }

  const get = async (url: string) => (await harness.call('GET', url)).json<PageJson>();
  const replay = (id: string) => harness.call('POST', `/api/v1/deliveries/${id}/replay`);
  const jobs = () =>
    harness.queues.queue(QueueName.Deliveries).getJobs(['waiting', 'delayed', 'active', 'prioritized']);

  beforeAll(async () => {
    harness = await startAdminApi();
    const { db } = harness.database;
    const project = await seedDiasporaProject(db);
    endpointId = (await createEndpoint(db, { projectId: project.id })).endpoint.id;
    const integration = (name: string) =>
      createIntegration(db, {
        projectId: project.id,
        name,
        destination: 'slack_webhook',
        webhookUrlSealed: harness.box.seal('https://hooks.example.com/x'),
        routes: [{ event: 'push' }],
      });
    first = (await integration('first')).id;
    second = (await integration('second')).id;
  });
  afterEach(async () => {
    await harness.database.db.delivery.deleteMany();
    await harness.queues.queue(QueueName.Deliveries).obliterate({ force: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("lists an integration's deliveries newest first, with their attempts, and only that integration's", async () => {
    const old = await delivery(first, 'sent', 30, ['retry', 'sent']);
    const recent = await delivery(first, 'failed', 10, ['failed']);
    await delivery(second, 'sent', 5, ['sent']);
    const page = await get(`/api/v1/integrations/${first}/deliveries`);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((d) => d.id)).toEqual([recent, old]);
    expect(page.items[1]).toMatchObject({
      status: 'sent',
      attempts: 2,
      attemptLog: [
        { attempt: 1, outcome: 'retry', errorCode: 'internal_error' },
        { attempt: 2, outcome: 'sent', errorCode: null },
      ],
    });
    expect(page.items[0]).not.toHaveProperty('body');
  });

  it('filters by status', async () => {
    await delivery(first, 'sent', 3);
    const failed = await delivery(first, 'failed', 2);
    expect((await get(`/api/v1/integrations/${first}/deliveries?status=failed`)).items.map((d) => d.id)).toEqual([
      failed,
    ]);
  });

  it('filters by channel', async () => {
    await delivery(first, 'sent', 3);
    const deploys = await delivery(first, 'sent', 2, [], 'deploys');
    expect((await get(`/api/v1/integrations/${first}/deliveries?channel=deploys`)).items.map((d) => d.id)).toEqual([
      deploys,
    ]);
  });

  it('filters the log and the dead letters by time: since inclusive, until exclusive', async () => {
    // Deliveries are written minutes before 2026-01-01T00:00Z.
    await delivery(first, 'failed', 30);
    const twenty = await delivery(first, 'failed', 20);
    const ten = await delivery(first, 'failed', 10);
    await delivery(second, 'failed', 20);
    const range = '?since=2025-12-31T23:40:00Z&until=2025-12-31T23:50:00.001Z';
    expect((await get(`/api/v1/integrations/${first}/deliveries${range}`)).items.map((d) => d.id)).toEqual([
      ten,
      twenty,
    ]);
    expect((await get(`/api/v1/integrations/${first}/deliveries?until=2025-12-31T23:50:00Z`)).items).toHaveLength(2);
    expect((await get(`/api/v1/deliveries/dead-letters${range}`)).items).toHaveLength(3);
    expect((await get('/api/v1/deliveries/dead-letters?since=2025-12-31T23:45:00Z')).items.map((d) => d.id)).toEqual([
      ten,
    ]);
  });

  it('pages with a cursor, without skipping or repeating rows that share a timestamp', async () => {
    const ids: string[] = [];
    // Three share the newest timestamp, so a page boundary falls between equal timestamps.
    for (let i = 0; i < 5; i++) ids.push(await delivery(first, 'sent', i < 3 ? 7 : 20 + i));
    const seen: string[] = [];
    let url = `/api/v1/integrations/${first}/deliveries?limit=2`;
    for (let pages = 0; pages < 5; pages++) {
      const page = await get(url);
      seen.push(...page.items.map((d) => d.id));
      if (!page.nextCursor) break;
      url = `/api/v1/integrations/${first}/deliveries?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen.slice(3)).toEqual([ids[3], ids[4]]);
  });

  it('lists dead letters (failed deliveries) across integrations, newest first', async () => {
    const a = await delivery(first, 'failed', 9, ['failed']);
    const b = await delivery(second, 'failed', 1, ['retry', 'failed']);
    await delivery(first, 'sent', 0);
    await delivery(second, 'pending', 0);
    const page = await get('/api/v1/deliveries/dead-letters');
    expect(page.items.map((d) => d.id)).toEqual([b, a]);
    expect(page.items[0]).toMatchObject({ lastErrorCode: 'channel_not_found', attempts: 2 });
    expect((await get('/api/v1/deliveries/dead-letters?limit=1')).items.map((d) => d.id)).toEqual([b]);
  });

  it.each([
    ['a limit over 200', '?limit=500', 'limit'],
    ['a limit of zero', '?limit=0', 'limit'],
    ['an unknown status', '?status=lost', 'status'],
    ['an unknown parameter', '?sort=asc', 'sort'],
    ['a since that is not a timestamp', '?since=2026-13-01T00:00:00Z', 'since'],
  ])('refuses %s with 400 naming the parameter', async (_label, query, path) => {
    const response = await harness.call('GET', `/api/v1/integrations/${first}/deliveries${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toContainEqual({ path, message: expect.any(String) });
  });

  it('answers 404 for the deliveries of an unknown integration', async () => {
    expect((await harness.call('GET', '/api/v1/integrations/nosuchintegration/deliveries')).statusCode).toBe(404);
  });

  it('replays a failed delivery: back to pending, attempts kept, error cleared, a fresh job enqueued, audited', async () => {
    const id = await delivery(first, 'failed', 1, ['retry', 'failed']);
    const response = await replay(id);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ id, status: 'pending', jobId: id });
    const row = await harness.database.db.delivery.findUniqueOrThrow({ where: { id }, include: { attemptLog: true } });
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastErrorCode: null, lastErrorMessage: null });
    expect(row.attemptLog).toHaveLength(2);
    const queued = await jobs();
    expect(queued.map((j) => [j.id, j.data.deliveryId])).toEqual([[id, id]]);
    expect(
      await harness.database.db.auditEntry.count({
        where: { target: id, action: 'delivery.replay', actor: 'admin-api' },
      }),
    ).toBe(1);
  });

  it('replays a delivery again while it is still pending: one job while it waits, a new one once it is lost', async () => {
    const id = await delivery(first, 'failed', 1, ['failed']);
    expect((await replay(id)).statusCode).toBe(202);
    expect((await replay(id)).statusCode).toBe(202);
    expect(await jobs()).toHaveLength(1);
    await (await jobs())[0]?.remove();
    expect((await replay(id)).statusCode).toBe(202);
    expect((await jobs()).map((j) => j.id)).toEqual([id]);
  });

  it.each<DeliveryStatus>(['sent', 'sending', 'skipped'])(
    'refuses to replay a %s delivery with 409 and leaves it alone',
    async (status) => {
      const id = await delivery(first, status, 1, ['sent']);
      const response = await replay(id);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('conflict');
      expect(await harness.database.db.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status,
        attempts: 1,
      });
      expect(await jobs()).toHaveLength(0);
    },
  );

  it('answers 404 when replaying an unknown delivery', async () => {
    const response = await replay('nosuchdelivery');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(await jobs()).toHaveLength(0);
  });
});
