import { createIntegration, listAuditEntries, storeOAuthSlackInstallation } from '@chatops/db';
import { FakeSlack } from '@chatops/testing';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { seedDiasporaProject } from '@chatops/test-support/seed';
import {
  addTestWorkspace,
  BOT_TOKEN,
  BOT_USER,
  TEAM_ID,
} from '../../../../packages/testing/src/test-support/slack-fixture';

const INSTALLER = 'U0ALICE001';
/** The bot's direct-message channel with the installer, as the fake opens it. */
const INSTALLER_DM = 'D0ALICE001';

describe('admin API: Slack install requests (approval), against the fake Slack', () => {
  const slack = new FakeSlack();
  let harness: AdminHarness;

  beforeAll(async () => {
    await slack.start();
    harness = await startAdminApi({ slackApiUrl: `${slack.url}/api` });
  });
  afterAll(async () => {
    await harness.close();
    await slack.stop();
  });
  beforeEach(async () => {
    slack.reset();
    addTestWorkspace(slack);
    const { db } = harness.database;
    await db.integration.deleteMany();
    await db.installRequest.deleteMany();
    await db.slackInstallation.deleteMany();
  });

  /** Acme installed the app under the approval policy: pending, with a request. */
  async function pendingInstall(message = 'For #releases') {
    const outcome = await storeOAuthSlackInstallation(harness.database.db, harness.box, {
      teamId: TEAM_ID,
      teamName: 'Acme',
      botUserId: BOT_USER,
      botToken: BOT_TOKEN,
      scopes: ['commands', 'chat:write'],
      installedBy: INSTALLER,
      manifest: {},
      requestMessage: message,
      requiresApproval: true,
    });
    if (outcome.kind !== 'pending') throw new Error('expected a pending install');
    return outcome;
  }

  const decide = (id: string, verb: 'approve' | 'deny', body: Record<string, unknown> = {}) =>
    harness.call('POST', `/api/v1/slack/install-requests/${id}/${verb}`, {
      body,
      headers: { 'x-chatops-actor': 'gitlab:root' },
    });

  it('lists pending requests with their message and installation, oldest first', async () => {
    const { request, installation } = await pendingInstall();
    const response = await harness.call('GET', '/api/v1/slack/install-requests');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          id: request.id,
          teamId: TEAM_ID,
          enterpriseId: '',
          teamName: 'Acme',
          requestedBy: INSTALLER,
          message: 'For #releases',
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          createdAt: expect.any(String),
          installation: {
            id: installation.id,
            scopes: ['commands', 'chat:write'],
            installedAt: expect.any(String),
            revokedAt: null,
          },
        },
      ],
    });
    expect((await harness.call('GET', '/api/v1/slack/install-requests?status=approved')).json()).toEqual({ items: [] });
  });

  it('approves: the installation is served, the installer gets a DM with the note, audited with the actor', async () => {
    const { request, installation } = await pendingInstall();
    const response = await decide(request.id, 'approve', { note: 'Approved per IT-7 <ok>' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'approved',
      decidedBy: 'gitlab:root',
      decisionNote: 'Approved per IT-7 <ok>',
      notified: true,
      notifyError: null,
      tokenRevoked: null,
    });
    const row = await harness.database.db.slackInstallation.findUnique({ where: { id: installation.id } });
    expect(row?.pendingApproval).toBe(false);
    expect(slack.messages(INSTALLER_DM).map((m) => [m.user, m.text])).toEqual([
      [
        BOT_USER,
        ':white_check_mark: Your request to add the GitLab app to Acme was approved by a chatops administrator.\n' +
          '>Approved per IT-7 &lt;ok&gt;\nType `/gitlab help` in a channel to get started.',
      ],
    ]);
    const { items } = await listAuditEntries(harness.database.db, { limit: 1 });
    expect(items[0]).toMatchObject({
      actor: 'gitlab:root',
      action: 'slack_install_request.approve',
      target: request.id,
    });
    expect((await decide(request.id, 'deny')).statusCode).toBe(409);
  });

  it('denies: the installer gets a DM, the token is revoked at Slack, the installation deleted, the request kept', async () => {
    const { request, installation } = await pendingInstall();
    const response = await decide(request.id, 'deny', { note: 'Use the #ci integration instead.' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'denied',
      installation: null,
      notified: true,
      tokenRevoked: true,
    });
    expect(slack.messages(INSTALLER_DM).map((m) => m.text)).toEqual([
      ':no_entry: Your request to add the GitLab app to Acme was denied by a chatops administrator, and the app was ' +
        'removed from the workspace.\n>Use the #ci integration instead.',
    ]);
    expect(slack.calls.filter((c) => c.method === 'auth.revoke').map((c) => c.token)).toEqual([BOT_TOKEN]);
    expect(await harness.database.db.slackInstallation.findUnique({ where: { id: installation.id } })).toBeNull();
    const kept = (await harness.call('GET', '/api/v1/slack/install-requests?status=denied')).json();
    expect(kept.items).toEqual([
      expect.objectContaining({ id: request.id, status: 'denied', decidedBy: 'gitlab:root' }),
    ]);
  });

  it('says when the installer could not be told, and still decides', async () => {
    const { request } = await pendingInstall();
    slack.failNext('chat.postMessage', 1, { error: 'user_not_found' });
    const response = await decide(request.id, 'approve');
    expect(response.json()).toMatchObject({ status: 'approved', notified: false, notifyError: 'user_not_found' });
  });

  it('refuses unknown ids, a denial under integrations, and approving after the workspace removed the app', async () => {
    expect((await decide('nope', 'approve')).statusCode).toBe(404);
    const { request, installation } = await pendingInstall();
    const project = await seedDiasporaProject(harness.database.db);
    const integration = await createIntegration(harness.database.db, {
      projectId: project.id,
      name: 'early',
      destination: 'slack_bot',
      slackInstallationId: installation.id,
      routes: [{ event: 'push' }],
    });
    const refused = await decide(request.id, 'deny');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.integrations).toEqual([expect.objectContaining({ id: integration.id })]);
    await harness.database.db.integration.deleteMany();
    await harness.database.db.slackInstallation.update({
      where: { id: installation.id },
      data: { revokedAt: new Date() },
    });
    expect((await decide(request.id, 'approve')).statusCode).toBe(409);
    const denied = await decide(request.id, 'deny');
    expect(denied.json()).toMatchObject({ status: 'denied', notified: false, notifyError: 'installation_gone' });
    expect((await decide(request.id, 'approve', { color: 'red' })).statusCode).toBe(400);
  });
});
