import { createEndpoint, createIntegration } from '@chatops/db';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { seedDiasporaProject } from '@chatops/test-support/seed';

describe('admin API: alert polling', () => {
  let harness: AdminHarness;

  beforeAll(async () => {
    harness = await startAdminApi();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('says for each project routing alerts whether it can be polled, and why not', async () => {
    const { db } = harness.database;
    const project = await seedDiasporaProject(db);
    await createIntegration(db, {
      projectId: project.id,
      name: 'alerts',
      destination: 'slack_webhook',
      webhookUrlSealed: harness.box.seal('https://hooks.slack.com/services/T/B/x'),
      routes: [{ event: 'alert' }],
    });
    const polling = async () =>
      (await harness.call('GET', '/api/v1/alerts/polling')).json<{ items: Array<Record<string, unknown>> }>().items;
    expect(await polling()).toEqual([
      expect.objectContaining({
        pathWithNamespace: 'mike/diaspora',
        state: 'no_token',
        endpointId: null,
        lastPolledAt: null,
      }),
    ]);
    await db.project.update({ where: { id: project.id }, data: { apiTokenSealed: harness.box.seal('glpat-read') } });
    expect((await polling())[0]).toMatchObject({ state: 'no_endpoint' });
    const { endpoint } = await createEndpoint(db, { projectId: project.id });
    expect((await polling())[0]).toMatchObject({ state: 'polling', endpointId: endpoint.id });
    expect((await harness.call('GET', '/api/v1/alerts/polling', { token: 'wrong' })).statusCode).toBe(401);
  });
});
