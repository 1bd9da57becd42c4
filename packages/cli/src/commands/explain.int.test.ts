import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntegration } from '@chatops/db';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { loadFixture } from '@chatops/test-support/fixtures';
import { seedDiasporaProject } from '@chatops/test-support/seed';
import { type CliContext } from '../context';
import { explain } from './explain';

describe('explain', () => {
  let database: TestDatabase;
  let lines: string[];
  let context: CliContext;
  const file = join(tmpdir(), `chatops-explain-${process.pid}.json`);

  beforeAll(async () => {
    database = await createTestDatabase();
    const unused = () => Promise.reject(new Error('explain does not enqueue'));
    context = cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
    });
    const project = await seedDiasporaProject(database.db);
    for (const [name, branches, events] of [
      ['default-only', 'default', ['push']],
      ['all-branches', 'all', ['push']],
      ['issues-only', 'all', ['issue']],
    ] as const)
      await createIntegration(database.db, {
        projectId: project.id,
        name,
        destination: 'slack_webhook',
        webhookUrlSealed: context.box.seal('https://hooks.slack.com/services/T/B/x'),
        defaultChannel: '#dev',
        branchesToBeNotified: branches,
        routes: events.map((event) => ({ event })),
      });
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(() => database.drop());

  it('says per integration where a payload goes, and why not, without sending anything', async () => {
    await writeFile(file, JSON.stringify({ ...loadFixture('push.json'), ref: 'refs/heads/feature/x' }));
    const result = await explain.run({}, context, [file]);
    expect(lines).toEqual([
      'Push Hook → push for mike/diaspora',
      '  default-only (slack_webhook):',
      '    not sent: branch feature/x is not the default branch (master); this integration notifies the default branch only [branch_not_notified]',
      '  all-branches (slack_webhook):',
      '    sent to #dev',
      '  issues-only (slack_webhook):',
      '    not sent: this integration does not notify push events (its triggers: issue) [event_not_routed]',
    ]);
    expect(result).toMatchObject({
      kind: 'push',
      integrations: [{ sentTo: [] }, { sentTo: ['#dev'] }, { sentTo: [] }],
    });
    expect(await database.db.delivery.count()).toBe(0);
  });

  it('says when GitLab would not notify at all, and refuses a payload of an unregistered project', async () => {
    const update = loadFixture<{ object_attributes: object }>('issue.json');
    await writeFile(
      file,
      JSON.stringify({ ...update, object_attributes: { ...update.object_attributes, action: 'update' } }),
    );
    await explain.run({ project: 'mike/diaspora' }, context, [file]);
    expect(lines[1]).toMatch(/^ {2}nothing is sent: GitLab does not notify this issue event/);
    await writeFile(file, JSON.stringify({ ...loadFixture('push.json'), project_id: 999, project: { id: 999 } }));
    await expect(explain.run({}, context, [file])).rejects.toThrow('GitLab project 999 is not registered');
  });
});
