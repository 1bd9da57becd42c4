import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { createEndpoint } from './endpoints';
import { createIntegration } from './integrations';
import { upsertProject } from './projects';
import { alertPollingStatus, alertPollTargets, recordAlertPoll, recordAlertPollError } from './alert-polls';

describe('alert polls (real PostgreSQL)', () => {
  let database: TestDatabase;
  let counter = 0;

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  async function project(options: { events?: string[]; active?: boolean; token?: boolean; endpoint?: boolean }) {
    const n = ++counter;
    const created = await upsertProject(database.db, {
      gitlabProjectId: 100 + n,
      pathWithNamespace: `group/p${n}`,
      name: `P${n}`,
      webUrl: `https://gitlab.example.com/group/p${n}`,
    });
    if (options.token ?? true)
      await database.db.project.update({ where: { id: created.id }, data: { apiTokenSealed: 'sealed' } });
    await createIntegration(database.db, {
      projectId: created.id,
      name: 'alerts',
      destination: 'slack_webhook',
      webhookUrlSealed: 'sealed',
      active: options.active ?? true,
      routes: (options.events ?? ['alert']).map((event) => ({ event })),
    });
    const endpointId =
      (options.endpoint ?? true) ? (await createEndpoint(database.db, { projectId: created.id })).endpoint.id : null;
    return { projectId: created.id, endpointId };
  }

  it('polls the projects with an active integration routing alerts, and says why others are not polled', async () => {
    const polled = await project({});
    const noToken = await project({ token: false });
    const noEndpoint = await project({ endpoint: false });
    await project({ events: ['push'] });
    await project({ active: false });

    const targets = await alertPollTargets(database.db);
    expect(targets.map((t) => t.projectId)).toEqual([polled.projectId, noToken.projectId, noEndpoint.projectId]);
    expect(targets[0]).toMatchObject({ endpointId: polled.endpointId, apiTokenSealed: 'sealed', lastAlertIid: null });

    const status = await alertPollingStatus(database.db);
    expect(status.map((s) => [s.pathWithNamespace, s.state])).toEqual([
      [targets[0]?.pathWithNamespace, 'polling'],
      [targets[1]?.pathWithNamespace, 'no_token'],
      [targets[2]?.pathWithNamespace, 'no_endpoint'],
    ]);
    expect(status[0]).not.toHaveProperty('apiTokenSealed');
  });

  it('queues alerts under the oldest enabled endpoint', async () => {
    const { projectId, endpointId } = await project({});
    await createEndpoint(database.db, { projectId });
    await database.db.webhookEndpoint.update({ where: { id: endpointId ?? '' }, data: { disabledAt: new Date() } });
    const [target] = await alertPollTargets(database.db);
    expect(target?.endpointId).not.toBe(endpointId);
    expect(target?.endpointId).toEqual(expect.any(String));
  });

  it('moves the cursor forward only, and keeps the last error until a poll succeeds', async () => {
    const { projectId } = await project({});
    const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s));

    await recordAlertPollError(database.db, projectId, { message: 'GraphQL 401: Invalid token', polledAt: at(0) });
    let [status] = await alertPollingStatus(database.db);
    expect(status).toMatchObject({
      state: 'failing',
      lastAlertIid: null,
      lastError: 'GraphQL 401: Invalid token',
      lastErrorAt: at(0),
      lastPolledAt: at(0),
    });

    await recordAlertPoll(database.db, projectId, { newestIid: 7, polledAt: at(1) });
    await recordAlertPoll(database.db, projectId, { newestIid: 5, polledAt: at(2) });
    [status] = await alertPollingStatus(database.db);
    expect(status).toMatchObject({
      state: 'polling',
      lastAlertIid: 7,
      lastError: null,
      lastErrorAt: null,
      lastPolledAt: at(2),
    });

    await recordAlertPollError(database.db, projectId, { message: 'x'.repeat(2000), polledAt: at(3) });
    [status] = await alertPollingStatus(database.db);
    expect(status).toMatchObject({ state: 'failing', lastAlertIid: 7, lastPolledAt: at(3) });
    expect(status?.lastError).toHaveLength(500);
  });
});
