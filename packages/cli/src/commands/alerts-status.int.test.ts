import {
  type AlertPollStatus,
  createEndpoint,
  createIntegration,
  recordAlertPoll,
  recordAlertPollError,
  upsertProject,
} from '@chatops/db';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { alertsStatus } from './alerts-status';

describe('alerts:status', () => {
  let database: TestDatabase;
  let lines: string[];
  let context: CliContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    const unused = () => Promise.reject(new Error('alerts:status does not enqueue'));
    context = cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
    });
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(async () => {
    await database.drop();
  });

  async function project(path: string, options: { token: boolean; endpoint: boolean }): Promise<string> {
    const created = await upsertProject(database.db, {
      gitlabProjectId: path.length,
      pathWithNamespace: path,
      name: path,
      webUrl: `https://gitlab.example.com/${path}`,
    });
    if (options.token)
      await database.db.project.update({
        where: { id: created.id },
        data: { apiTokenSealed: context.box.seal('glpat-x') },
      });
    await createIntegration(database.db, {
      projectId: created.id,
      name: 'alerts',
      destination: 'slack_webhook',
      webhookUrlSealed: context.box.seal('https://hooks.slack.example/x'),
      routes: [{ event: 'alert' }],
    });
    if (options.endpoint) await createEndpoint(database.db, { projectId: created.id });
    return created.id;
  }

  it('is listed by the CLI, and says when no project routes alerts', async () => {
    expect(COMMANDS).toContain(alertsStatus);
    expect(await alertsStatus.run({}, context, [])).toEqual([]);
    expect(lines).toEqual(['no project has an active integration routing alert']);
  });

  it('says per project whether it is polled, how the last poll went and why one is not polled', async () => {
    const polled = await project('a/polled', { token: true, endpoint: true });
    const failing = await project('b/failing', { token: true, endpoint: true });
    await project('c/no-token', { token: false, endpoint: true });
    await project('d/no-endpoint', { token: true, endpoint: false });
    await recordAlertPoll(database.db, polled, { newestIid: 4, polledAt: new Date('2026-12-06T10:00:00Z') });
    await recordAlertPollError(database.db, failing, {
      message: 'GraphQL 401: Invalid token',
      polledAt: new Date('2026-12-06T10:01:00Z'),
    });

    const result = (await alertsStatus.run({}, context, [])) as AlertPollStatus[];
    expect(result.map((p) => p.state)).toEqual(['polling', 'failing', 'no_token', 'no_endpoint']);
    expect(lines).toEqual([
      'a/polled  polling  last poll: 2026-12-06T10:00:00.000Z  newest alert seen: #4',
      'b/failing  FAILING  last poll: 2026-12-06T10:01:00.000Z  newest alert seen: -',
      '  last error (2026-12-06T10:01:00.000Z): GraphQL 401: Invalid token',
      'c/no-token  not polled: no API token (project:add --api-token)  last poll: never  newest alert seen: -',
      'd/no-endpoint  not polled: no enabled webhook endpoint (endpoint:create)  last poll: never  newest alert seen: -',
    ]);
  });
});
