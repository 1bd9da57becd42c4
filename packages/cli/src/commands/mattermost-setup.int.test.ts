import { OutboundPolicy } from '@chatops/outbound';
import { FakeMattermost } from '@chatops/testing';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { seedDiasporaProject } from '@chatops/test-support/seed';
import { UsageError } from '../command';
import { type CliContext } from '../context';
import { mattermostCommandCreate } from './mattermost-command-create';
import { mattermostCommandDelete } from './mattermost-command-delete';
import { mattermostCommandSuggest } from './mattermost-command-suggest';
import { mattermostTeams } from './mattermost-teams';

const TEAM = 'teamaaaaaaaaaaaaaaaaaaaaaa';

describe('Mattermost command setup from the CLI', () => {
  const mm = new FakeMattermost();
  let database: TestDatabase;
  let lines: string[];
  let context: CliContext;

  const connection = (name: string, token: string) =>
    database.db.mattermostConnection.create({ data: { name, url: mm.url, botTokenSealed: context.box.seal(token) } });

  beforeAll(async () => {
    database = await createTestDatabase();
    await mm.start();
    const unused = () => Promise.reject(new Error('no queue needed'));
    context = cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
      outbound: OutboundPolicy.from('127.0.0.1'),
    });
    await seedDiasporaProject(database.db);
  });
  beforeEach(async () => {
    lines = [];
    mm.reset();
    mm.addTeam({ id: TEAM, name: 'acme', displayName: 'Acme Inc' });
    mm.addUser({
      id: 'adminaaaaaaaaaaaaaaaaaaaaa',
      username: 'root',
      token: 'admin-pat',
      teamIds: [TEAM],
      teamAdminIds: [TEAM],
    });
    mm.addUser({ id: 'aliceaaaaaaaaaaaaaaaaaaaaa', username: 'alice', token: 'alice-pat', teamIds: [TEAM] });
    await database.db.mattermostConnection.deleteMany();
  });
  afterAll(async () => {
    await mm.stop();
    await database.drop();
  });

  it("prints GitLab's values for Mattermost's form, and how to register the token", async () => {
    await mattermostCommandSuggest.run({ project: 'mike/diaspora' }, context, []);
    expect(lines).toEqual([
      'In Mattermost: Integrations › Slash Commands › Add Slash Command (only the Request URL must be as given):',
      '  Display Name:              GitLab / Diaspora',
      '  Description:               Perform common operations on: Diaspora',
      '  Command Trigger Word:      diaspora',
      '  Request URL:               http://127.0.0.1:3000/mattermost/commands',
      '  Request Method:            POST',
      '  Response Username:         GitLab',
      '  Response Icon:             http://127.0.0.1:3000/assets/mattermost-icon.png',
      '  Autocomplete:              on',
      '  Autocomplete Hint:         [help]',
      '  Autocomplete Description:  Perform common operations on: Diaspora',
      'Then register the token Mattermost shows:',
      '  chatops mattermost:command:add --connection <name> --team <team id> --trigger diaspora --token <token> --project mike/diaspora',
    ]);
    lines = [];
    await expect(mattermostCommandSuggest.run({}, context, [])).resolves.toMatchObject({ trigger: 'gitlab' });
    await expect(mattermostCommandSuggest.run({ project: 'nope' }, context, [])).rejects.toThrow(UsageError);
  });

  it("lists the token's teams, creates a command in a team named by its name, and deletes it there too", async () => {
    await connection('main', 'admin-pat');
    await mattermostTeams.run({ connection: 'main' }, context, []);
    expect(lines).toEqual([`${TEAM}  acme  Acme Inc`]);

    const created = (await mattermostCommandCreate.run(
      { connection: 'main', team: 'acme', project: 'mike/diaspora' },
      context,
      [],
    )) as { id: string };
    const [remote] = mm.commands(TEAM);
    expect(created).toMatchObject({
      trigger: 'diaspora',
      remoteId: remote?.id,
      connection: 'main',
      project: 'mike/diaspora',
    });
    expect(remote).toMatchObject({
      display_name: 'GitLab / Diaspora',
      url: 'http://127.0.0.1:3000/mattermost/commands',
    });
    expect(lines.at(-1)).toBe(
      `mattermost command /diaspora (id ${created.id}) created in team ${TEAM} on main for mike/diaspora`,
    );
    const audit = await database.db.auditEntry.findFirstOrThrow({ where: { target: created.id } });
    expect([audit.actor, audit.action]).toEqual(['cli', 'mattermost_command.create']);

    await expect(mattermostCommandDelete.run({ id: created.id }, context, [])).resolves.toMatchObject({
      remote: 'deleted',
    });
    expect(lines.at(-1)).toBe(
      `Mattermost command ${created.id} deleted: /diaspora no longer answers; deleted in Mattermost (main) too`,
    );
    expect(mm.commands()).toEqual([]);
  });

  it("fails with Mattermost's words, names unknown teams, and can leave a command in Mattermost", async () => {
    await connection('member', 'alice-pat');
    await expect(mattermostCommandCreate.run({ connection: 'member', team: TEAM }, context, [])).rejects.toThrow(
      'You do not have the appropriate permissions.',
    );
    await expect(mattermostCommandCreate.run({ connection: 'member', team: 'other' }, context, [])).rejects.toThrow(
      `no team other among the teams of member's token: acme (${TEAM})`,
    );
    await connection('main', 'admin-pat');
    const created = (await mattermostCommandCreate.run({ connection: 'main', team: TEAM }, context, [])) as {
      id: string;
    };
    await expect(mattermostCommandCreate.run({ connection: 'main', team: TEAM }, context, [])).rejects.toThrow(
      'This trigger word is already in use. Please choose another word.',
    );
    await expect(
      mattermostCommandDelete.run({ id: created.id, 'keep-remote': true }, context, []),
    ).resolves.toMatchObject({ remote: 'kept' });
    expect(mm.commands(TEAM).map((c) => c.trigger)).toEqual(['gitlab']);
  });

  it('connects to no Mattermost at an internal address OUTBOUND_ALLOWED_HOSTS does not allow', async () => {
    await connection('main', 'admin-pat');
    const strict = { ...context, outbound: OutboundPolicy.strict() };
    await expect(mattermostTeams.run({ connection: 'main' }, strict, [])).rejects.toThrow(/OUTBOUND_ALLOWED_HOSTS/);
    expect(mm.requestCount()).toBe(0);
  });
});
