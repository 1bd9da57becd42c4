import { createEndpoint, createIntegration, SecretBox } from '@chatops/db';
import { AccessLevel, FakeGitLab, FakeSlack } from '@chatops/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_ENCRYPTION_KEY } from '../support/infra';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { seedDiasporaProject, seedSlackInstallation } from '../support/seed';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { sleep, waitFor } from '../support/wait';

const BOT_TOKEN = 'xoxb-alerts-e2e';
const GITLAB_TOKEN = 'glpat-alerts-e2e';
const GITLAB_PROJECT_ID = 15;
const POLL_MS = 400;

/**
 * GitLab's alerts, which no webhook carries, end to end: the incident service polls the fake
 * GitLab's GraphQL, and the notifier posts each new alert to the fake Slack with GitLab's alert
 * message, paced per channel like any other event.
 */
describe('GitLab alerts → Slack, end to end', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let gitlab: FakeGitLab;
  let env: Record<string, string>;
  let projectId: string;
  const services: RunningService[] = [];
  const incidents: RunningService[] = [];

  const posted = () => slack.messages('C1');
  const cursor = async () =>
    (await database.db.alertPoll.findUnique({ where: { projectId } }))?.lastAlertIid ?? undefined;
  const startIncident = async () => {
    const service = await startService('incident', { ...env, INCIDENT_ALERT_POLL_INTERVAL_MS: String(POLL_MS) });
    incidents.push(service);
    return service;
  };
  const stopIncidents = async () => {
    await Promise.all(incidents.map((s) => s.stop()));
    incidents.splice(0);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = new FakeSlack();
    const { url: slackUrl } = await slack.start();
    slack.addWorkspace({ teamId: 'T1', botToken: BOT_TOKEN, botUserId: 'UBOT', channels: [{ id: 'C1', name: 'ops' }] });
    gitlab = new FakeGitLab();
    await gitlab.start();
    gitlab.addUser({ id: 1, username: 'alert-bot', name: 'Alert Bot', tokens: [GITLAB_TOKEN] });
    gitlab.addProject({
      id: GITLAB_PROJECT_ID,
      path_with_namespace: 'mike/diaspora',
      name: 'Diaspora',
      members: { 1: AccessLevel.Developer },
    });

    const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
    const project = await seedDiasporaProject(database.db, { webUrl: `${gitlab.url}/mike/diaspora` });
    projectId = project.id;
    await database.db.project.update({ where: { id: projectId }, data: { apiTokenSealed: box.seal(GITLAB_TOKEN) } });
    const installation = await seedSlackInstallation(database.db, box, { botToken: BOT_TOKEN });
    await createIntegration(database.db, {
      projectId,
      name: 'alerts',
      destination: 'slack_bot',
      slackInstallationId: installation.id,
      defaultChannel: 'C1',
      routes: [{ event: 'alert' }],
    });
    await createEndpoint(database.db, { projectId });

    env = { ...serviceEnv(database.url, uniquePrefix('e2e-alerts')), SLACK_API_URL: `${slackUrl}/api` };
    // A small burst allowance and a quick rate, so that pacing shows within seconds.
    services.push(
      await startService('notifier', { ...env, NOTIFIER_CHANNEL_BURST: '2', NOTIFIER_CHANNEL_RATE_PER_SECOND: '2' }),
    );
  });

  afterAll(async () => {
    await stopIncidents();
    await Promise.all(services.map((s) => s.stop()));
    await slack.stop();
    await gitlab.stop();
    await deletePrefix(env.QUEUE_PREFIX ?? 'missing');
    await database.drop();
  });

  it('starts at the newest alert, then posts a new alert once, with two incident replicas polling', async () => {
    gitlab.addAlert(GITLAB_PROJECT_ID, { title: 'Before chatops' });
    await Promise.all([startIncident(), startIncident()]);
    await waitFor(async () => (await cursor()) === 1, { what: 'the first poll to record the newest alert' });

    gitlab.addAlert(GITLAB_PROJECT_ID, {
      title: 'High error rate on web-1',
      severity: 'critical',
      eventCount: 3,
      startedAt: '2020-04-23T01:06:00Z',
    });
    const [message] = await waitFor(() => posted().length === 1 && posted(), { what: 'the alert in Slack' });
    expect(message?.text).toBe('Alert firing in mike / diaspora');
    expect(message?.attachments).toEqual([
      {
        title: 'High error rate on web-1',
        title_link: `${gitlab.url}/mike/diaspora/-/alert_management/2/details`,
        color: '#C95823',
        fields: [
          { title: 'Severity', value: 'Critical', short: true },
          { title: 'Events', value: '3', short: true },
          { title: 'Status', value: 'Triggered', short: true },
          { title: 'Start time', value: 'April 23rd, 2020  1:06AM UTC', short: true },
        ],
      },
    ]);

    // One round per interval between the two replicas, not one each.
    const before = gitlab.requestCount('POST /api/graphql');
    await sleep(POLL_MS * 8);
    const rounds = gitlab.requestCount('POST /api/graphql') - before;
    expect(rounds).toBeGreaterThanOrEqual(5);
    expect(rounds).toBeLessThanOrEqual(10);
    expect(posted()).toHaveLength(1);
  });

  it('does not post it again after a restart', async () => {
    await stopIncidents();
    const restarted = await startIncident();
    const polled = Date.now();
    await waitFor(
      async () =>
        ((await database.db.alertPoll.findUnique({ where: { projectId } }))?.lastPolledAt?.getTime() ?? 0) > polled,
      { what: 'a poll after the restart' },
    );
    await sleep(POLL_MS * 3);
    expect(posted()).toHaveLength(1);
    expect(restarted.output()).not.toMatch(/"level":50/);
  });

  it('paces a burst of alerts like any other event', async () => {
    for (let i = 1; i <= 6; i++) gitlab.addAlert(GITLAB_PROJECT_ID, { title: `Burst ${i}` });
    const messages = await waitFor(() => posted().length === 7 && posted(), {
      what: 'the burst in Slack',
      timeoutMs: 20_000,
    });
    const burst = messages.slice(1);
    expect(
      burst
        .map((m) => m.attachments?.[0])
        .map((a) => (a as { title: string }).title)
        .sort(),
    ).toEqual(['Burst 1', 'Burst 2', 'Burst 3', 'Burst 4', 'Burst 5', 'Burst 6']);
    // Two at once (the burst allowance), then one every half second: four waits.
    const seconds = burst.map((m) => Number(m.ts));
    expect(Math.max(...seconds) - Math.min(...seconds)).toBeGreaterThanOrEqual(1.5);
    expect(await database.db.delivery.count({ where: { eventKind: 'alert', status: 'sent' } })).toBe(7);
  });
});
