import { findSlackAppSettings, listAuditEntries } from '@chatops/db';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';

describe('admin API: the Slack app settings', () => {
  let harness: AdminHarness;
  let withEnv: AdminHarness;

  beforeAll(async () => {
    [harness, withEnv] = await Promise.all([
      startAdminApi(),
      startAdminApi({ slackAppEnv: { SLACK_SIGNING_SECRET: 'from-env', SLACK_CLIENT_ID: '999.999' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([harness.close(), withEnv.close()]);
  });

  it('starts enabled, under the approval policy, with nothing set', async () => {
    const response = await harness.call('GET', '/api/v1/slack/app');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      enabled: true,
      clientId: { value: null, source: null, stored: false },
      clientSecret: { set: false, source: null, stored: false },
      signingSecret: { set: false, source: null, stored: false },
      verificationToken: { set: false, source: null, stored: false },
      installPolicy: 'approval',
      preApprovedTeamIds: [],
      approvalLink: null,
      installUrl: 'https://chatops.example.com/slack/install',
      updatedAt: null,
    });
  });

  it('stores the credentials sealed, shows secrets as set only, and audits the change with the actor', async () => {
    const response = await harness.call('PUT', '/api/v1/slack/app', {
      headers: { 'x-chatops-actor': 'gitlab:alice' },
      body: {
        clientId: '123.456',
        clientSecret: 'client-secret-value',
        signingSecret: 'signing-secret-value',
        installPolicy: 'approval',
        preApprovedTeamIds: ['T0APPROVED'],
        approvalLink: 'https://gitlab.example.com/it/requests/-/issues/new',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('secret-value');
    expect(response.json()).toMatchObject({
      enabled: true,
      clientId: { value: '123.456', source: 'database', stored: true },
      clientSecret: { set: true, source: 'database', stored: true },
      signingSecret: { set: true, source: 'database', stored: true },
      verificationToken: { set: false, source: null, stored: false },
      preApprovedTeamIds: ['T0APPROVED'],
      approvalLink: 'https://gitlab.example.com/it/requests/-/issues/new',
    });
    const row = await findSlackAppSettings(harness.database.db);
    expect(row?.clientSecretSealed).not.toContain('client-secret-value');
    expect(harness.box.open(row?.signingSecretSealed ?? '')).toBe('signing-secret-value');

    const { items } = await listAuditEntries(harness.database.db, { limit: 10 });
    expect(items[0]).toMatchObject({ actor: 'gitlab:alice', action: 'slack_app.update', target: 'slack' });
    expect(items[0]?.details).toMatchObject({
      changed: ['clientId', 'clientSecret', 'signingSecret', 'installPolicy', 'preApprovedTeamIds', 'approvalLink'],
      clientSecret: 'set',
      clientId: '123.456',
    });
    expect(JSON.stringify(items[0]?.details)).not.toContain('secret-value');
  });

  it('changes only the fields given; null clears one; the switch turns the app off', async () => {
    const response = await harness.call('PUT', '/api/v1/slack/app', { body: { enabled: false, clientSecret: null } });
    expect(response.json()).toMatchObject({
      enabled: false,
      clientId: { value: '123.456' },
      clientSecret: { set: false, stored: false },
      signingSecret: { set: true },
    });
  });

  it('refuses what is not a setting, naming each field', async () => {
    const response = await harness.call('PUT', '/api/v1/slack/app', {
      body: { clientId: 'not a client id', preApprovedTeamIds: ['general'], approvalLink: 'ftp://x', color: 'red' },
    });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json<{ error: { details: { fields: Array<{ path: string }> } } }>()
      .error.details.fields.map((f) => f.path);
    expect(paths.sort()).toEqual(['approvalLink', 'clientId', 'color', 'preApprovedTeamIds.0']);
    expect((await harness.call('PUT', '/api/v1/slack/app', { token: null, body: {} })).statusCode).toBe(401);
  });

  it('says when the environment overrides a stored value', async () => {
    await withEnv.call('PUT', '/api/v1/slack/app', { body: { signingSecret: 'stored-one' } });
    expect((await withEnv.call('GET', '/api/v1/slack/app')).json()).toMatchObject({
      clientId: { value: '999.999', source: 'env', stored: false },
      signingSecret: { set: true, source: 'env', stored: true },
    });
  });
});
