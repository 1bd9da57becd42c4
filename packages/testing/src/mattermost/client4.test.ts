import { FakeMattermost } from './fake-mattermost.js';
import { mattermostClient } from '../test-support/real-clients.js';
import { startReceiver } from '../test-support/receiver.js';
import {
  ADMIN,
  ADMIN_TOKEN,
  ALICE,
  ALICE_TOKEN,
  addTestServer,
  BOT,
  BOT_TOKEN,
  OPS,
  SECRET,
  TEAM,
  TOWN,
  useTestMattermost,
} from '../test-support/mattermost-fixture.js';

/** The fake as seen by @mattermost/client's Client4, with a bot token as production uses it. */
describe('FakeMattermost with @mattermost/client Client4', () => {
  const mm = useTestMattermost();
  const client = (token = BOT_TOKEN) => {
    const c = mattermostClient();
    c.setUrl(mm.url);
    c.setToken(token);
    return c;
  };

  it('answers getMe, getMyTeams and getChannel for the token user', async () => {
    const c = client();
    await expect(c.getMe()).resolves.toMatchObject({
      id: BOT,
      username: 'chatops',
      is_bot: true,
      roles: 'system_user',
    });
    await expect(c.getMyTeams()).resolves.toMatchObject([{ id: TEAM, name: 'acme', display_name: 'Acme', type: 'O' }]);
    await expect(c.getChannel(OPS)).resolves.toMatchObject({ id: OPS, team_id: TEAM, type: 'P', name: 'ops' });
    await expect(c.getChannel(SECRET)).rejects.toMatchObject({
      status_code: 403,
      server_error_id: 'api.context.permissions.app_error',
    });
  });

  it('creates threaded posts and patches them', async () => {
    const c = client();
    const root = await c.createPost({ channel_id: TOWN, message: 'Pipeline #12 failed', props: { card: 'details' } });
    expect(root).toMatchObject({
      channel_id: TOWN,
      user_id: BOT,
      root_id: '',
      message: 'Pipeline #12 failed',
      props: { card: 'details', from_bot: 'true' },
    });
    expect(String(root['id'])).toMatch(/^[a-z0-9]{26}$/);
    const reply = await c.createPost({ channel_id: TOWN, message: 'retrying', root_id: root['id'] });
    expect(reply['root_id']).toBe(root['id']);
    const patched = await c.patchPost({ id: root['id'], message: 'Pipeline #12 fixed' });
    expect(patched).toMatchObject({ message: 'Pipeline #12 fixed', edit_at: expect.any(Number) });
    expect(Number(patched['edit_at'])).toBeGreaterThan(0);
    await expect(client(ALICE_TOKEN).patchPost({ id: root['id'], message: 'hijack' })).rejects.toMatchObject({
      status_code: 403,
    });
    await expect(c.getPost(String(root['id']))).resolves.toMatchObject({
      message: 'Pipeline #12 fixed',
      reply_count: 1,
    });
    expect(mm.posts(TOWN).map((p) => p.message)).toEqual(['Pipeline #12 fixed', 'retrying']);
  });

  it('rejects posts outside the token user channels and bad threads with AppErrors', async () => {
    const c = client();
    await expect(c.createPost({ channel_id: SECRET, message: 'x' })).rejects.toMatchObject({
      status_code: 403,
      server_error_id: 'api.context.permissions.app_error',
    });
    await expect(c.createPost({ channel_id: OPS, message: 'x', root_id: 'nope' })).rejects.toMatchObject({
      status_code: 400,
      server_error_id: 'api.post.create_post.root_id.app_error',
    });
    await expect(client('wrong-token').getMe()).rejects.toMatchObject({
      status_code: 401,
      server_error_id: 'api.context.session_expired.app_error',
    });
    expect(mm.posts()).toEqual([]);
  });

  it('manages slash commands with manage_own_slash_commands (team admins by default)', async () => {
    const c = client(ADMIN_TOKEN);
    const command = await c.addCommand({
      team_id: TEAM,
      trigger: 'GitLab',
      method: 'P',
      url: 'https://chatops.example/mattermost/commands',
      auto_complete: true,
    });
    expect(command).toMatchObject({
      trigger: 'gitlab',
      creator_id: ADMIN,
      team_id: TEAM,
      token: expect.stringMatching(/^[a-z0-9]{26}$/),
    });
    await expect(
      c.addCommand({ team_id: TEAM, trigger: 'gitlab', method: 'P', url: 'https://x.example' }),
    ).rejects.toMatchObject({
      status_code: 400,
      server_error_id: 'api.command.duplicate_trigger.app_error',
      message: 'This trigger word is already in use. Please choose another word.',
    });
    await expect(
      c.addCommand({ team_id: TEAM, trigger: '/bad', method: 'P', url: 'https://x.example' }),
    ).rejects.toMatchObject({ status_code: 400 });
    // A member, or a bot without the role, may neither create nor see others' commands to delete.
    for (const token of [ALICE_TOKEN, BOT_TOKEN]) {
      await expect(
        client(token).addCommand({ team_id: TEAM, trigger: 'mine', method: 'P', url: 'https://x.example' }),
      ).rejects.toMatchObject({ status_code: 403, server_error_id: 'api.context.permissions.app_error' });
      await expect(client(token).deleteCommand(String(command['id']))).rejects.toMatchObject({
        status_code: 404,
        server_error_id: 'store.sql_command.save.get.app_error',
      });
    }
    await expect(c.getCustomTeamCommands(TEAM)).resolves.toMatchObject([{ id: command['id'] }]);
    await expect(c.deleteCommand(String(command['id']))).resolves.toEqual({ status: 'OK' });
    expect(mm.commands(TEAM)).toEqual([]);
    await expect(c.deleteCommand(String(command['id']))).rejects.toMatchObject({ status_code: 404 });
    const logout = await c.logout();
    expect(logout.ok).toBe(true);
    expect(mm.requests.map((r) => `${r.method} ${r.route} ${r.userId ?? '-'}`).slice(-3)).toEqual([
      `DELETE /api/v4/commands/:id ${ADMIN}`,
      `DELETE /api/v4/commands/:id ${ADMIN}`,
      `POST /api/v4/users/logout ${ADMIN}`,
    ]);
  });

  it('lets team members manage commands when integrations are not admin-only', async () => {
    const open = new FakeMattermost({ onlyAdminIntegrations: false });
    await open.start();
    try {
      addTestServer(open);
      const c = mattermostClient();
      c.setUrl(open.url);
      c.setToken(ALICE_TOKEN);
      const command = await c.addCommand({ team_id: TEAM, trigger: 'mine', method: 'P', url: 'https://x.example' });
      // Another member's command needs manage_others_slash_commands (team admins).
      c.setToken(BOT_TOKEN);
      await expect(c.deleteCommand(String(command['id']))).rejects.toMatchObject({ status_code: 403 });
    } finally {
      await open.stop();
    }
  });

  it("runs a command: the form with the command's token to its URL, the app's answer back", async () => {
    const app = await startReceiver();
    try {
      app.answer({ body: { response_type: 'in_channel', text: 'pong' } });
      const command = await client(ADMIN_TOKEN).addCommand({
        team_id: TEAM,
        trigger: 'ping',
        method: 'P',
        url: `${app.url}/commands`,
      });
      const answer = await client(ALICE_TOKEN).executeCommand('/ping  now please', { channel_id: TOWN, team_id: TEAM });
      expect(answer).toEqual({ response_type: 'in_channel', text: 'pong' });
      const [request] = app.requests;
      expect(request?.headers).toMatchObject({
        authorization: `Token ${String(command['token'])}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      });
      const form = Object.fromEntries(new URLSearchParams(request?.body));
      expect(form).toEqual({
        token: command['token'],
        team_id: TEAM,
        team_domain: 'acme',
        channel_id: TOWN,
        channel_name: 'town-square',
        user_id: ALICE,
        user_name: 'alice',
        command: '/ping',
        text: 'now please',
        trigger_id: expect.any(String),
        response_url: expect.stringMatching(new RegExp(`^${mm.url}/hooks/commands/[0-9a-f]+$`)),
      });
      expect(mm.posts(TOWN).map((p) => [p.user_id, p.message])).toEqual([[ALICE, 'pong']]);

      await expect(mm.executeCommand({ userId: ALICE, channelId: TOWN, command: '/nope' })).rejects.toMatchObject({
        id: 'api.command.execute_command.not_found.app_error',
        statusCode: 404,
      });
      app.answer({ status: 401, body: { error: 'no' } });
      await expect(mm.executeCommand({ userId: ALICE, channelId: TOWN, command: '/ping' })).rejects.toMatchObject({
        id: 'api.command.execute_command.failed_resp.app_error',
        message: "Command with a trigger of 'ping' returned response 401 Unauthorized.",
      });
      await expect(mm.executeCommand({ userId: ALICE, channelId: OPS, command: '/ping' })).rejects.toMatchObject({
        statusCode: 403,
      });
    } finally {
      await app.close();
    }
  });

  it('injects faults in the AppError shape', async () => {
    mm.failNext('POST /api/v4/posts', 1, { status: 503 });
    await expect(client().createPost({ channel_id: TOWN, message: 'x' })).rejects.toMatchObject({
      status_code: 503,
      server_error_id: 'api.fake.injected_fault.app_error',
    });
    await expect(client().createPost({ channel_id: TOWN, message: 'x' })).resolves.toMatchObject({ user_id: BOT });
    expect(mm.requestCount('POST /api/v4/posts')).toBe(2);
  });
});
