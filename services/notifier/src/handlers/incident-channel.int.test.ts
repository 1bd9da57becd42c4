import { loadConfig } from '@chatops/config';
import { createEndpoint, createIntegration, recordIncident, SecretBox, setIncidentChannel } from '@chatops/db';
import { createProducerConnection, JobQueues, QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { type FakeSlack } from '@chatops/testing';
import { type Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { loadFixture } from '@chatops/test-support/fixtures';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { startTeamT1Slack } from '@chatops/test-support/one-channel-slack';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { seedGitLabTestProject, seedSlackInstallation } from '@chatops/test-support/seed';
import { sleep, waitFor } from '@chatops/test-support/wait';
import { buildNotifier, type Notifier } from '../app';
import { notifierEnvSchema } from '../env';

type IncidentPayload = { object_attributes: Record<string, unknown> } & Record<string, unknown>;
const TOKEN = 'xoxb-incident-channels';
/** GitLab's incident fixture: incident #23 of project 1. */
const incident = (iid: number, attributes: Record<string, unknown> = {}): IncidentPayload => {
  const payload = loadFixture<IncidentPayload>('incident_integration_only.json');
  return { ...payload, object_attributes: { ...payload.object_attributes, iid, ...attributes } };
};

/**
 * The notifier as its composition root builds it (real Redis, PostgreSQL and the fake Slack):
 * an incident that chatops gave a channel of its own is notified there too.
 */
describe('incident notifications in the incident’s own channel', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let notifier: Notifier;
  let producer: Redis;
  let queues: JobQueues;
  let endpointId: string;
  let integrationId: string;
  const prefix = uniquePrefix('incident-channels');
  let counter = 0;

  async function declared(iid: number, incidentChannelId: string | null): Promise<void> {
    const row = await recordIncident(database.db, {
      gitlabProjectId: 1,
      projectPath: 'gitlabhq/gitlab-test',
      gitlabIssueIid: iid,
      gitlabIssueId: 300 + iid,
      title: 'Checkout is down',
      webUrl: `http://example.com/gitlabhq/gitlab-test/-/issues/incident/${iid}`,
      provider: 'slack',
      teamId: 'T1',
      channelId: 'CGEN',
      declaredBy: 'U1',
    });
    if (incidentChannelId) await setIncidentChannel(database.db, row.id, incidentChannelId);
  }

  async function send(payload: IncidentPayload, eventName = 'Issue Hook'): Promise<string> {
    const eventKey = `incident-${++counter}`;
    await queues.enqueue(QueueName.Events, {
      endpointId,
      eventName,
      eventKey,
      receivedAt: new Date().toISOString(),
      payload,
    });
    return eventKey;
  }

  const deliveries = (eventKey: string) =>
    waitFor(
      async () => {
        const rows = await database.db.delivery.findMany({ where: { eventKey }, orderBy: { channel: 'asc' } });
        return rows.length > 0 && rows.every((r) => r.status !== 'pending' && r.status !== 'sending') && rows;
      },
      { what: `the deliveries of ${eventKey}` },
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const channels = ['CGEN', 'CINC1', 'CINC2'].map((id) => ({ id, name: id.toLowerCase() }));
    slack = await startTeamT1Slack(TOKEN, channels);
    const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
    const project = await seedGitLabTestProject(database.db);
    const installation = await seedSlackInstallation(database.db, box, { botToken: TOKEN });
    integrationId = (
      await createIntegration(database.db, {
        projectId: project.id,
        name: 'incidents',
        destination: 'slack_bot',
        slackInstallationId: installation.id,
        defaultChannel: 'CGEN',
        threading: false,
        routes: [{ event: 'incident' }, { event: 'issue' }],
      })
    ).id;
    endpointId = (await createEndpoint(database.db, { projectId: project.id })).endpoint.id;

    const env = loadConfig(notifierEnvSchema, {
      DATABASE_URL: database.url,
      REDIS_URL: testInfra().redisUrl,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      QUEUE_PREFIX: prefix,
      SLACK_API_URL: `${slack.url}/api`,
      // See app.int.test.ts: a short lock lets the closed workers' timers run out quickly.
      NOTIFIER_JOB_LOCK_MS: '1000',
    });
    notifier = await buildNotifier(env, createLogger({ service: 'test', level: 'silent' }));
    producer = createProducerConnection(testInfra().redisUrl);
    queues = new JobQueues(producer, prefix);
  });

  afterAll(async () => {
    await notifier.close();
    await queues.close();
    producer.disconnect();
    await slack.stop();
    await deletePrefix(prefix);
    await database.drop();
  });

  it('posts an incident to its own channel too, as a delivery of the Slack integration', async () => {
    await declared(23, 'CINC1');
    const eventKey = await send(incident(23));
    const rows = await deliveries(eventKey);
    expect(rows.map((r) => [r.integrationId, r.channel, r.status])).toEqual([
      [integrationId, 'CGEN', 'sent'],
      [integrationId, 'CINC1', 'sent'],
    ]);
    const [own] = slack.messages('CINC1');
    expect(own?.text).toBe(slack.messages('CGEN').at(-1)?.text);
    expect(own?.text).toContain('Incident');
  });

  it('lets a confidential incident into its own channel, and not into a channel not allowed it', async () => {
    await declared(24, 'CINC2');
    const eventKey = await send(incident(24, { confidential: true }));
    const rows = await deliveries(eventKey);
    expect(rows.map((r) => [r.channel, r.status, r.lastErrorCode])).toEqual([
      ['CGEN', 'skipped', 'confidential_channel_not_allowed'],
      ['CINC2', 'sent', null],
    ]);
  });

  it('sends an incident without a channel of its own, or a plain issue, where the integration says', async () => {
    await declared(25, null);
    const withoutChannel = await deliveries(await send(incident(25)));
    expect(withoutChannel.map((r) => r.channel)).toEqual(['CGEN']);

    // The same iid as an issue (not an incident): no incident lookup, no own channel.
    const issue = incident(23, { type: 'Issue' });
    const plain = await deliveries(await send({ ...issue, object_kind: 'issue', event_type: 'issue' }));
    expect(plain.map((r) => r.channel)).toEqual(['CGEN']);
    await sleep(200);
    expect(slack.messages('CINC1')).toHaveLength(1);
  });
});
