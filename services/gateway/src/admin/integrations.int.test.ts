import { OutboundPolicy } from '@chatops/outbound';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { seedDiasporaProject, seedSlackInstallation } from '@chatops/test-support/seed';

const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/XXXXSECRET';

describe('admin API: integrations', () => {
  let harness: AdminHarness;
  let projectId: string;
  let installationId: string;
  let counter = 0;

  const create = (body: Record<string, unknown>) =>
    harness.call('POST', `/api/v1/projects/${projectId}/integrations`, { body: { name: `i-${counter++}`, ...body } });
  const slackBot = (extra: Record<string, unknown> = {}) =>
    create({ destination: 'slack_bot', slackInstallationId: installationId, defaultChannel: 'general', ...extra });
  const fieldsOf = (body: { error: { details: { fields: Array<{ path: string; message: string }> } } }) =>
    body.error.details.fields;

  beforeAll(async () => {
    harness = await startAdminApi();
    const { db } = harness.database;
    projectId = (await seedDiasporaProject(db)).id;
    installationId = (await seedSlackInstallation(db, harness.box, { botToken: 'xoxb-1' })).id;
  });
  afterAll(async () => {
    await harness.close();
  });

  it("creates an integration with GitLab's defaults, its triggers and channels, and audits it", async () => {
    const response = await slackBot({
      name: 'pushes',
      events: { push: { channels: ['dev', 'ops', 'dev'] }, pipeline: {} },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      projectId,
      name: 'pushes',
      active: true,
      destination: 'slack_bot',
      slackInstallationId: installationId,
      mattermostConnectionId: null,
      hasWebhookUrl: false,
      defaultChannel: 'general',
      username: null,
      confidentialChannels: [],
      threading: true,
      notifyOnlyBrokenPipelines: true,
      notifyOnlyWhenPipelineStatusChanges: false,
      branchesToBeNotified: 'default',
      branchInclude: [],
      branchExclude: [],
      labelsToBeNotified: [],
      labelsBehavior: 'match_any',
      labelsExclude: [],
      events: { pipeline: { channels: [] }, push: { channels: ['dev', 'ops'] } },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await harness.call('GET', `/api/v1/integrations/${created.id}`)).json()).toEqual(created);
    expect((await harness.call('GET', `/api/v1/projects/${projectId}/integrations`)).json().items).toContainEqual(
      created,
    );
    const audit = await harness.database.db.auditEntry.findMany({ where: { target: created.id } });
    expect(audit).toEqual([expect.objectContaining({ actor: 'admin-api', action: 'integration.create' })]);
  });

  it('stores a webhook URL sealed and never returns it', async () => {
    const response = await create({ destination: 'slack_webhook', webhookUrl: WEBHOOK, events: { push: {} } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ hasWebhookUrl: true });
    expect(response.json()).not.toHaveProperty('webhookUrl');
    const { id } = response.json<{ id: string }>();
    const row = await harness.database.db.integration.findUniqueOrThrow({ where: { id } });
    expect(row.webhookUrlSealed).not.toContain('SECRET');
    expect(harness.box.open(row.webhookUrlSealed ?? '')).toBe(WEBHOOK);
    for (const url of [`/api/v1/integrations/${id}`, `/api/v1/projects/${projectId}/integrations`]) {
      expect((await harness.call('GET', url)).body).not.toContain('SECRET');
    }
    const patched = await harness.call('PATCH', `/api/v1/integrations/${id}`, { body: { webhookUrl: `${WEBHOOK}2` } });
    expect(patched.body).not.toContain('SECRET');
    expect(JSON.stringify(await harness.database.db.auditEntry.findMany({ where: { target: id } }))).not.toContain(
      'SECRET',
    );
  });

  describe('webhook URLs at internal addresses', () => {
    const REFUSAL = 'chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them';

    it.each([
      ['http://127.0.0.1:8080/hooks/x', 'a loopback address (127.0.0.1)'],
      ['http://localhost/hooks/x', 'a loopback address (localhost)'],
      ['http://[::1]/hooks/x', 'a loopback address (::1)'],
      ['http://2130706433/hooks/x', 'a loopback address (127.0.0.1)'],
      ['http://0x7f000001/hooks/x', 'a loopback address (127.0.0.1)'],
      ['http://0177.0.0.1/hooks/x', 'a loopback address (127.0.0.1)'],
      ['http://127.1/hooks/x', 'a loopback address (127.0.0.1)'],
      ['http://[::ffff:127.0.0.1]/hooks/x', 'a loopback address (::ffff:7f00:1)'],
      ['http://169.254.169.254/latest/meta-data/', 'a link-local address (169.254.169.254)'],
      ['https://10.1.2.3/hooks/x', 'a private address (10.1.2.3)'],
      ['https://192.168.0.10/hooks/x', 'a private address (192.168.0.10)'],
      ['https://100.64.1.1/hooks/x', 'a shared (RFC 6598 carrier-grade NAT) address (100.64.1.1)'],
      ['https://[fd00::1]/hooks/x', 'a private address (fd00::1)'],
      ['http://0.0.0.0/hooks/x', 'an unspecified address (0.0.0.0)'],
    ])('refuses %s, on create and on update, with 400 naming webhookUrl', async (webhookUrl, what) => {
      const field = { path: 'webhookUrl', message: `points at ${what}; ${REFUSAL}` };
      const before = await harness.database.db.integration.count();
      const created = await create({ destination: 'mattermost_webhook', webhookUrl });
      expect(created.statusCode).toBe(400);
      expect(created.json().error.code).toBe('validation_failed');
      expect(fieldsOf(created.json())).toEqual([field]);
      expect(await harness.database.db.integration.count()).toBe(before);

      const { id } = (await create({ destination: 'slack_webhook', webhookUrl: WEBHOOK })).json<{ id: string }>();
      const patched = await harness.call('PATCH', `/api/v1/integrations/${id}`, { body: { webhookUrl } });
      expect(patched.statusCode).toBe(400);
      expect(fieldsOf(patched.json())).toEqual([field]);
      const row = await harness.database.db.integration.findUniqueOrThrow({ where: { id } });
      expect(harness.box.open(row.webhookUrlSealed ?? '')).toBe(WEBHOOK);
    });

    it('accepts a host name: it is judged by what it resolves to when chatops connects', async () => {
      const response = await create({ destination: 'mattermost_webhook', webhookUrl: 'https://chat.example.com/h/x' });
      expect(response.statusCode).toBe(201);
    });

    it('lets through what OUTBOUND_ALLOWED_HOSTS allows, and only that', async () => {
      const allowing = await startAdminApi({ outbound: OutboundPolicy.from('mattermost.internal,10.0.0.0/8') });
      try {
        const project = (await seedDiasporaProject(allowing.database.db)).id;
        const post = (webhookUrl: string) =>
          allowing.call('POST', `/api/v1/projects/${project}/integrations`, {
            body: { name: `i-${counter++}`, destination: 'mattermost_webhook', webhookUrl },
          });
        expect((await post('http://10.1.2.3:8065/hooks/x')).statusCode).toBe(201);
        expect((await post('http://mattermost.internal/hooks/x')).statusCode).toBe(201);
        const refused = await post('http://192.168.1.1/hooks/x');
        expect(refused.statusCode).toBe(400);
        expect(fieldsOf(refused.json())).toEqual([
          { path: 'webhookUrl', message: `points at a private address (192.168.1.1); ${REFUSAL}` },
        ]);
      } finally {
        await allowing.close();
      }
    });
  });

  it.each<[string, Record<string, unknown>, string, string | RegExp]>([
    [
      'more than 10 channels for an event',
      { events: { push: { channels: Array.from({ length: 11 }, (_, i) => `c${i}`) } } },
      'events.push.channels',
      'cannot have more than 10 channels',
    ],
    ['an unknown event', { events: { pushes: {} } }, 'events.pushes', /./],
    [
      'a channel list with commas',
      { events: { push: { channels: ['a,b'] } } },
      'events.push.channels.0',
      /without spaces or commas/,
    ],
    ['an unknown field', { colour: 'red' }, 'colour', 'unknown field'],
    ['an unknown branch scope', { branchesToBeNotified: 'some' }, 'branchesToBeNotified', /./],
    ['an empty name', { name: ' ' }, 'name', 'must not be empty'],
    [
      'a slack_bot without an installation',
      { slackInstallationId: undefined },
      'slackInstallationId',
      'is required for destination slack_bot',
    ],
    [
      'an installation that does not exist',
      { slackInstallationId: 'nosuchinstallation' },
      'slackInstallationId',
      'no Slack installation with this id',
    ],
    [
      'a webhook destination without a URL',
      { destination: 'mattermost_webhook' },
      'webhookUrl',
      'is required for destination mattermost_webhook',
    ],
    [
      'a webhook URL that is not http(s)',
      { destination: 'slack_webhook', webhookUrl: 'ftp://hooks.example.com/x' },
      'webhookUrl',
      'must be an http(s) URL',
    ],
    [
      'a mattermost_bot without a connection',
      { destination: 'mattermost_bot' },
      'mattermostConnectionId',
      'is required for destination mattermost_bot',
    ],
  ])('refuses %s with 400 naming the field', async (_label, body, path, message) => {
    const before = await harness.database.db.integration.count();
    const response = await slackBot(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining(path) });
    expect(fieldsOf(response.json())).toContainEqual({
      path,
      message: typeof message === 'string' ? message : expect.stringMatching(message),
    });
    expect(await harness.database.db.integration.count()).toBe(before);
  });

  it('answers 409 for a name already used in the project, on create and rename', async () => {
    await slackBot({ name: 'twice' });
    const response = await slackBot({ name: 'twice' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'conflict', message: 'already exists (same projectId, name)' });
    const { id } = (await slackBot({ name: 'other' })).json<{ id: string }>();
    const renamed = await harness.call('PATCH', `/api/v1/integrations/${id}`, { body: { name: 'twice' } });
    expect(renamed.statusCode).toBe(409);
    expect((await harness.call('GET', `/api/v1/integrations/${id}`)).json()).toMatchObject({ name: 'other' });
  });

  it('updates only the fields given; events replace the triggers', async () => {
    const { id } = (
      await slackBot({ events: { push: { channels: ['dev'] }, issue: {} }, labelsToBeNotified: ['bug'] })
    ).json<{ id: string }>();
    const response = await harness.call('PATCH', `/api/v1/integrations/${id}`, {
      body: {
        active: false,
        branchInclude: ['release/*'],
        labelsBehavior: 'match_all',
        events: { merge_request: { channels: ['reviews'] } },
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      active: false,
      branchInclude: ['release/*'],
      labelsBehavior: 'match_all',
      labelsToBeNotified: ['bug'],
      defaultChannel: 'general',
      events: { merge_request: { channels: ['reviews'] } },
    });
    expect(Object.keys(response.json().events)).toEqual(['merge_request']);
    const audit = await harness.database.db.auditEntry.findFirstOrThrow({
      where: { target: id, action: 'integration.update' },
    });
    expect(audit).toMatchObject({
      actor: 'admin-api',
      details: { fields: ['active', 'branchInclude', 'labelsBehavior', 'events'] },
    });
  });

  it('checks the destination against what is stored when updating', async () => {
    const { id } = (await create({ destination: 'slack_webhook', webhookUrl: WEBHOOK })).json<{ id: string }>();
    const cleared = await harness.call('PATCH', `/api/v1/integrations/${id}`, { body: { webhookUrl: null } });
    expect(fieldsOf(cleared.json())).toEqual([
      { path: 'webhookUrl', message: 'is required for destination slack_webhook' },
    ]);
    const toBot = await harness.call('PATCH', `/api/v1/integrations/${id}`, { body: { destination: 'slack_bot' } });
    expect(fieldsOf(toBot.json())).toEqual([
      { path: 'slackInstallationId', message: 'is required for destination slack_bot' },
    ]);
    const ok = await harness.call('PATCH', `/api/v1/integrations/${id}`, {
      body: { destination: 'mattermost_webhook', events: { push: { channels: Array(10).fill('town-square') } } },
    });
    expect(ok.json()).toMatchObject({
      destination: 'mattermost_webhook',
      hasWebhookUrl: true,
      events: { push: { channels: ['town-square'] } },
    });
  });

  it('deletes an integration and audits it', async () => {
    const { id } = (await slackBot()).json<{ id: string }>();
    expect((await harness.call('DELETE', `/api/v1/integrations/${id}`)).statusCode).toBe(204);
    expect((await harness.call('GET', `/api/v1/integrations/${id}`)).statusCode).toBe(404);
    expect((await harness.call('DELETE', `/api/v1/integrations/${id}`)).statusCode).toBe(404);
    expect(
      await harness.database.db.auditEntry.count({
        where: { target: id, action: 'integration.delete', actor: 'admin-api' },
      }),
    ).toBe(1);
  });

  it.each<['GET' | 'PATCH' | 'DELETE' | 'POST', string]>([
    ['GET', '/api/v1/integrations/nosuchintegration'],
    ['PATCH', '/api/v1/integrations/nosuchintegration'],
    ['DELETE', '/api/v1/integrations/nosuchintegration'],
    ['GET', '/api/v1/projects/nosuchproject/integrations'],
    ['POST', '/api/v1/projects/nosuchproject/integrations'],
  ])('answers 404 not_found for %s %s', async (method, url) => {
    const body =
      method === 'PATCH'
        ? { active: false }
        : method === 'POST'
          ? { name: 'x', destination: 'slack_webhook', webhookUrl: WEBHOOK }
          : undefined;
    const response = await harness.call(method, url, { body });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('answers 400 for an id that cannot exist, before any lookup', async () => {
    const response = await harness.call('GET', `/api/v1/integrations/${'x'.repeat(65)}`);
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'id', message: 'not a valid id' }] },
    });
  });
});
