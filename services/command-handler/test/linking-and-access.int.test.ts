import { linkUrl, OAuthGrantRejected } from '@chatops/identity';
import { BACKEND, chatUser, PROVIDERS, PUBLIC_URL, SECRET, TEAM, useCommandHandler, USERS } from './harness';

const h = useCommandHandler();

const SUBSCRIBE_USAGE =
  'subscribe [event,…] [--branches=all|default|protected|default_and_protected] [--labels=a,b] [--only-broken-pipelines|--all-pipelines]';

/**
 * GitLab's help text (Presenters::Help) for the given command prefixes, as the platform gets it:
 * Slack is sent its placeholders escaped (`&lt;id&gt;`, shown as `<id>`), Mattermost as they are.
 */
function helpText(
  provider: 'slack' | 'mattermost',
  options: { invalid: boolean; projectTrigger: string; projectUrl?: string },
): string {
  const text = gitlabHelpText(options);
  return provider === 'slack' ? text.replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

function gitlabHelpText(options: { invalid: boolean; projectTrigger: string; projectUrl?: string }): string {
  const p = options.projectTrigger;
  return [
    ...(options.invalid ? ['The specified command is not valid.'] : []),
    '*Available commands*',
    'The following commands are available for this chatops integration:',
    [
      `${p} issue show <id>`,
      `${p} issue new <title> *\`⇧ Shift\`*+*\`↵ Enter\`* <description>`,
      `${p} issue search <your query>`,
      `${p} issue move <issue_id> (to)? <project_path>`,
      `${p} issue close <id>`,
      `${p} issue comment <id> *\`⇧ Shift\`*+*\`↵ Enter\`* <comment>`,
      `${p} deploy <environment> to <target-environment>`,
      `${p} run <command> <arguments>`,
      '/gitlab incident declare',
      '/gitlab incident comment <text>',
      '/gitlab incident timeline <text>',
      '/gitlab incident close',
      `${p} ${SUBSCRIBE_USAGE}`,
      `${p} unsubscribe`,
      '/gitlab subscriptions',
      '/gitlab unlink',
    ].join('\n'),
    'If available, the `run` command is used for running GitLab CI jobs\n' +
      "defined in this project's `.gitlab-ci.yml` file. For example, if a\n" +
      'job called "help" is defined you can run it like so:',
    `\`${p} run help\``,
    ...(options.projectUrl
      ? [`*Project*\n\nThe GitLab project for this chatops integration can be found at\n${options.projectUrl}.`]
      : []),
    '*Documentation*\n\nFor more information about GitLab chatops, refer to its\ndocumentation: https://docs.gitlab.com/ee/ci/chatops/index.html.',
  ].join('\n\n');
}

const ACCESS_DENIED = (projectUrl: string) =>
  'You are not allowed to perform the given chatops command. Most\n' +
  'likely you do not have access to the GitLab project for this chatops\n' +
  'integration.\n\n' +
  'The GitLab project for this chatops integration can be found at\n' +
  `${projectUrl}.\n`;

/** The link token of an authorize reply, checked against the reply's exact text. */
function authorizeToken(provider: 'slack' | 'mattermost', reply: Record<string, unknown>): string {
  const match = /\/link\/gitlab\/([A-Za-z0-9_-]+)/.exec(String(reply['text']));
  const token = match?.[1] ?? '';
  const url = linkUrl(PUBLIC_URL, token);
  const label = 'connect your GitLab account';
  const shown = provider === 'slack' ? `<${url}|${label}>` : `[${label}](${url})`;
  expect(reply).toEqual({
    response_type: 'ephemeral',
    text: `:wave: Hi there! Before I do anything for you, please ${shown}.`,
  });
  expect(url).toBe(`${PUBLIC_URL}/link/gitlab/${token}`);
  return token;
}

describe.each(PROVIDERS)('help, linking and access (%s)', (provider) => {
  it('answers `help` without a project, for a user who is not linked', async () => {
    const url = await h.send(provider, 'outsider', 'help');
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: helpText(provider, { invalid: false, projectTrigger: '/gitlab [project name or alias]' }),
    });
  });

  it('answers unknown text with "The specified command is not valid." and the list', async () => {
    const url = await h.send(provider, 'outsider', 'dance');
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: helpText(provider, { invalid: true, projectTrigger: '/gitlab [project name or alias]' }),
    });
  });

  it('lists the project commands with the project URL for `<project> help` of a linked user', async () => {
    await h.link(provider, 'developer');
    const url = await h.send(provider, 'developer', `${BACKEND.path} help`);
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: helpText(provider, { invalid: false, projectTrigger: '/gitlab', projectUrl: h.projectUrl(BACKEND) }),
    });
  });

  it('asks an unlinked user to connect their account, with a link bound to that chat user', async () => {
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue show 1`);
    const token = authorizeToken(provider, await h.reply(provider, url));
    expect(await h.links.peek(token)).toEqual({
      provider,
      teamId: TEAM[provider],
      chatUserId: chatUser(provider, 'developer'),
      chatUserName: USERS.developer.username,
      responseUrl: url,
    });
    expect(h.gitlab.requestCount()).toBe(0);
  });

  it('answers a blocked GitLab user with the access-denied text', async () => {
    await h.link(provider, 'developer');
    h.gitlab.setUserState(USERS.developer.id, 'blocked');
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue show 1`);
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: ACCESS_DENIED(h.projectUrl(BACKEND)),
    });
    expect(await h.identity(provider, 'developer')).not.toBeNull();
  });

  it('answers a deactivated GitLab user with the reactivation text', async () => {
    await h.link(provider, 'developer');
    h.gitlab.setUserState(USERS.developer.id, 'deactivated');
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue new Something`);
    const gitlabUrl = h.gitlab.url;
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: `You are not allowed to perform the given ChatOps command. Most likely\nyour ${gitlabUrl} account needs to be reactivated.\n\nPlease log back in from a web browser to reactivate your account at ${gitlabUrl}\n`,
    });
    expect(h.gitlab.issues()).toHaveLength(0);
  });

  it('answers a project the user cannot see with the access-denied text', async () => {
    await h.link(provider, 'developer');
    const url = await h.send(provider, 'developer', `${SECRET.path} issue show 1`);
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: ACCESS_DENIED(h.projectUrl(SECRET)),
    });
  });

  it('forgets a link whose token GitLab revoked (401) and asks to connect again', async () => {
    await h.link(provider, 'developer');
    h.gitlab.revokeToken('glpat-developer');
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue show 1`);
    const token = authorizeToken(provider, await h.reply(provider, url));
    expect(await h.links.peek(token)).toMatchObject({ provider, chatUserId: chatUser(provider, 'developer') });
    expect(await h.identity(provider, 'developer')).toBeNull();
  });

  it('refreshes an expired access token with the refresh token, then runs the command', async () => {
    const { identity, tokens } = await h.linkWithOAuth(provider, 'developer');
    await h.gitlabApi('developer', 'POST', `/projects/${BACKEND.id}/issues`, { title: 'Flaky test' });
    // The token has expired at GitLab and by our clock.
    h.gitlab.expireAccessToken(tokens.accessToken);
    await h.database.db.chatIdentity.update({
      where: { id: identity.id },
      data: { tokenExpiresAt: new Date(Date.now() - 1000) },
    });

    const url = await h.send(provider, 'developer', `${BACKEND.path} issue show 1`);
    expect(await h.reply(provider, url)).toMatchObject({
      response_type: 'in_channel',
      attachments: [{ title: 'Flaky test · #1' }],
    });
    const refreshed = await h.identity(provider, 'developer');
    expect(refreshed?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    const newAccessToken = h.box.open(refreshed?.accessTokenSealed ?? '');
    expect(newAccessToken).not.toBe(tokens.accessToken);
    expect(h.box.open(refreshed?.refreshTokenSealed ?? '')).not.toBe(tokens.refreshToken);
    expect(
      h.gitlab.requests.filter((r) => r.route === '/api/v4/projects/:id/issues/:iid').map((r) => r.userId),
    ).toEqual([USERS.developer.id]);
  });

  it('renews a token GitLab rejected while our clock still counted it valid, then runs the command, still linked', async () => {
    const { identity, tokens } = await h.linkWithOAuth(provider, 'developer');
    await h.gitlabApi('developer', 'POST', `/projects/${BACKEND.id}/issues`, { title: 'Clock skew' });
    // GitLab expired it; by our clock it has an hour left.
    h.gitlab.expireAccessToken(tokens.accessToken);
    expect((await h.identity(provider, 'developer'))?.tokenExpiresAt?.getTime()).toBeGreaterThan(
      Date.now() + 10 * 60 * 1000,
    );

    const url = await h.send(provider, 'developer', `${BACKEND.path} issue show 1`);
    expect(await h.reply(provider, url)).toMatchObject({
      response_type: 'in_channel',
      attachments: [{ title: 'Clock skew · #1' }],
    });
    const renewed = await h.identity(provider, 'developer');
    expect(renewed?.id).toBe(identity.id);
    expect(h.box.open(renewed?.accessTokenSealed ?? '')).not.toBe(tokens.accessToken);
    // One rejected lookup, then the lookup and the command with the new token.
    expect(
      h.gitlab.requests.filter((r) => r.route === '/api/v4/projects/:id/issues/:iid').map((r) => r.userId),
    ).toEqual([USERS.developer.id]);
  });

  it('asks to connect again when GitLab also refuses the refresh after a 401', async () => {
    const { tokens } = await h.linkWithOAuth(provider, 'developer');
    h.gitlab.expireAccessToken(tokens.accessToken);
    await h
      .oauthClient()
      .revoke({ accessToken: 'unused', refreshToken: tokens.refreshToken ?? null })
      .catch(() => undefined);
    const refreshable = await h
      .oauthClient()
      .refresh(tokens.refreshToken ?? '')
      .then(
        () => true,
        () => false,
      );
    expect(refreshable).toBe(false);

    const url = await h.send(provider, 'developer', `${BACKEND.path} issue show 1`);
    const token = authorizeToken(provider, await h.reply(provider, url));
    expect(await h.links.peek(token)).toMatchObject({ provider, chatUserId: chatUser(provider, 'developer') });
    expect(await h.identity(provider, 'developer')).toBeNull();
  });

  it('unlinks: the identity is deleted and its tokens are revoked at GitLab', async () => {
    const { tokens } = await h.linkWithOAuth(provider, 'developer');
    const url = await h.send(provider, 'developer', 'unlink');
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: 'Your GitLab account @dave is no longer connected.',
    });
    expect(await h.identity(provider, 'developer')).toBeNull();
    const me = await fetch(`${h.gitlab.url}/api/v4/user`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(me.status).toBe(401);
    await expect(h.oauthClient().refresh(tokens.refreshToken ?? '')).rejects.toBeInstanceOf(OAuthGrantRejected);
  });

  it('answers `unlink` from a user who is not linked', async () => {
    const url = await h.send(provider, 'developer', 'unlink');
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: 'No GitLab account is connected to your chat account.',
    });
  });

  it('answers an unknown project alias with GitLab\'s "project or alias not found"', async () => {
    await h.link(provider, 'developer');
    const url = await h.send(provider, 'developer', 'acme/nope issue show 1');
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: 'GitLab error: project or alias not found',
    });
  });
});

describe('where the command came from', () => {
  // @slack/webhook (v7) copies its `timeout` option into every message body unless removed.
  it('posts nothing but the message to a Slack response_url', async () => {
    const url = await h.send('slack', 'outsider', 'unlink');
    expect(await h.rawReply('slack', url)).toEqual({
      response_type: 'ephemeral',
      text: 'No GitLab account is connected to your chat account.',
    });
  });

  it('tells a Slack workspace without an installation to install the app', async () => {
    const url = await h.send('slack', 'developer', 'help', { teamId: 'T0NOAPP001' });
    expect(await h.reply('slack', url)).toEqual({
      response_type: 'ephemeral',
      text: 'This Slack workspace has not installed the GitLab app. Ask an administrator to install it.',
    });
  });

  it('tells a Slack workspace whose installation waits for approval so, and runs nothing', async () => {
    const { db } = h.database;
    await db.slackInstallation.updateMany({ where: { teamId: TEAM.slack }, data: { pendingApproval: true } });
    try {
      const url = await h.send('slack', 'developer', 'help');
      expect(await h.reply('slack', url)).toEqual({
        response_type: 'ephemeral',
        text: "This workspace's chatops installation is waiting for an administrator's approval.",
      });
    } finally {
      await db.slackInstallation.updateMany({ where: { teamId: TEAM.slack }, data: { pendingApproval: false } });
    }
  });

  it('answers a Mattermost command we do not know as "project or alias not found"', async () => {
    const url = await h.send('mattermost', 'developer', 'help', { mattermostCommandId: 'no-such-command' });
    expect(await h.reply('mattermost', url)).toEqual({
      response_type: 'ephemeral',
      text: 'GitLab error: project or alias not found',
    });
  });
});
