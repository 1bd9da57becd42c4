import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { UsageError } from '../command';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { auditList } from './audit-list';

/** The audit log needs no queue. */
const unused = () => Promise.reject(new Error('no queue here'));
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));

describe('audit:list', () => {
  let database: TestDatabase;
  let lines: string[];
  let context: CliContext;

  const entry = (minute: number, actor: string, action: string, target: string) =>
    database.db.auditEntry.create({ data: { actor, action, target, details: { minute }, createdAt: at(minute) } });

  beforeAll(async () => {
    database = await createTestDatabase();
    context = cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
    });
    await entry(1, 'cli', 'project.create', 'cproject1');
    await entry(2, 'gitlab:alice', 'integration.create', 'cint1');
    await entry(3, 'slack:U1 (@alice)', 'integration.update', 'cint1');
    await entry(4, 'admin-api', 'endpoint.disable', 'ab12');
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(async () => {
    await database.drop();
  });

  it('is listed by the CLI', () => {
    expect(COMMANDS.map((c) => c.name)).toContain('audit:list');
  });

  it('prints the log newest first, one change a line', async () => {
    await auditList.run({}, context, []);
    expect(lines).toEqual([
      '2026-12-01T12:04:00.000Z  admin-api  endpoint.disable  ab12  {"minute":4}',
      '2026-12-01T12:03:00.000Z  slack:U1 (@alice)  integration.update  cint1  {"minute":3}',
      '2026-12-01T12:02:00.000Z  gitlab:alice  integration.create  cint1  {"minute":2}',
      '2026-12-01T12:01:00.000Z  cli  project.create  cproject1  {"minute":1}',
    ]);
  });

  it('filters by actor, target prefix and time, and prints the way to the next page with the same filters', async () => {
    await auditList.run({ actor: 'gitlab:alice' }, context, []);
    expect(lines).toEqual(['2026-12-01T12:02:00.000Z  gitlab:alice  integration.create  cint1  {"minute":2}']);
    lines = [];
    const page = (await auditList.run(
      { target: 'cint', since: '2026-12-01T12:02:00Z', until: '2026-12-01T13:04:00+01:00', limit: '1' },
      context,
      [],
    )) as { nextCursor: string };
    expect(lines).toEqual([
      '2026-12-01T12:03:00.000Z  slack:U1 (@alice)  integration.update  cint1  {"minute":3}',
      `more: chatops audit:list --target cint --since 2026-12-01T12:02:00Z --until 2026-12-01T13:04:00+01:00 --cursor ${page.nextCursor}`,
    ]);
    lines = [];
    await auditList.run({ actor: 'slack:U1 (@alice)', limit: '1', action: 'integration.update' }, context, []);
    expect(lines).toHaveLength(1);
    lines = [];
    await auditList.run({ actor: 'nobody' }, context, []);
    expect(lines).toEqual(['no audit entries']);
  });

  it('quotes a filter for the shell in the next-page line', async () => {
    await database.db.auditEntry.create({
      data: { actor: 'slack:U1 (@alice)', action: 'integration.delete', target: 'cint1' },
    });
    await auditList.run({ actor: 'slack:U1 (@alice)', limit: '1' }, context, []);
    expect(lines[1]).toMatch(/^more: chatops audit:list --actor 'slack:U1 \(@alice\)' --cursor \w+$/);
    await database.db.auditEntry.deleteMany({ where: { action: 'integration.delete' } });
  });

  it.each([
    [{ since: 'yesterday' }, '--since must be a time with its zone'],
    [{ until: '2026-12-01T12:00:00' }, '--until must be a time with its zone'],
    [{ limit: '0' }, '--limit must be a whole number'],
  ])('refuses %j', async (options, message) => {
    await expect(auditList.run(options, context, [])).rejects.toThrow(UsageError);
    await expect(auditList.run(options, context, [])).rejects.toThrow(message);
  });
});
