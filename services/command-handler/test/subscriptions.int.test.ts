import { type ChatPlatform } from '@chatops/chat';
import { BACKEND, CHANNEL, link, PROVIDERS, TEAM, useCommandHandler } from './harness';

const h = useCommandHandler();

describe.each(PROVIDERS)('subscribe, subscriptions, unsubscribe (%s)', (provider: ChatPlatform) => {
  const name = `chat:${provider}:${TEAM[provider]}:${CHANNEL[provider]}`;
  const backend = () => link(provider, BACKEND.path, h.projectUrl(BACKEND));
  const integrations = () => h.database.db.integration.findMany({ include: { routes: { orderBy: { event: 'asc' } } } });
  const run = async (text: string, role: 'maintainer' | 'developer' = 'maintainer') =>
    h.reply(provider, await h.send(provider, role, text));

  beforeEach(async () => {
    await h.link(provider, 'maintainer');
    await h.link(provider, 'developer');
  });

  it("lets a Maintainer subscribe the channel: the bot posts the project's events there", async () => {
    expect(await run(`${BACKEND.path} subscribe push,merge_request --branches=all`)).toEqual({
      response_type: 'in_channel',
      text: `This channel is now subscribed to ${backend()}: push, merge_request.\nFilters: branches: all.`,
    });
    const [integration, ...others] = await integrations();
    expect(others).toHaveLength(0);
    expect(integration).toMatchObject({
      projectId: h.projects.get(BACKEND.id)?.id,
      name,
      active: true,
      destination: provider === 'slack' ? 'slack_bot' : 'mattermost_bot',
      slackInstallationId: provider === 'slack' ? h.slackInstallationId : null,
      mattermostConnectionId: provider === 'mattermost' ? h.mattermostConnectionId : null,
      defaultChannel: CHANNEL[provider],
      branchesToBeNotified: 'all',
    });
    expect(integration?.routes.map((route) => [route.event, route.channels])).toEqual([
      ['merge_request', []],
      ['push', []],
    ]);
    expect(await h.database.db.auditEntry.findMany({ where: { target: integration?.id } })).toMatchObject([
      { action: 'integration.create' },
    ]);
  });

  it("subscribes to GitLab's default events when none are named, and updates an existing subscription", async () => {
    await run(`${BACKEND.path} subscribe push`);
    await run(`${BACKEND.path} subscribe`);
    const [integration, ...others] = await integrations();
    expect(others).toHaveLength(0);
    expect(integration?.routes.map((route) => route.event)).toEqual([
      'deployment',
      'issue',
      'merge_request',
      'note',
      'pipeline',
      'push',
      'tag_push',
      'wiki_page',
    ]);
  });

  it('denies a Developer', async () => {
    expect(await run(`${BACKEND.path} subscribe push`, 'developer')).toEqual({
      response_type: 'ephemeral',
      text:
        'You are not allowed to perform the given chatops command. Most\nlikely you do not have access to the GitLab project for this chatops\nintegration.\n\n' +
        `The GitLab project for this chatops integration can be found at\n${h.projectUrl(BACKEND)}.\n`,
    });
    expect(await integrations()).toEqual([]);
  });

  it('shows the usage after a mistake in the arguments', async () => {
    expect(await run(`${BACKEND.path} subscribe push --branches=some`)).toEqual({
      response_type: 'ephemeral',
      text:
        'Invalid value "some" for --branches. Valid values: all, default, protected, default_and_protected.\n' +
        'Usage: `subscribe [event,…] [--branches=all|default|protected|default_and_protected] [--labels=a,b] [--only-broken-pipelines|--all-pipelines]`',
    });
    expect(await integrations()).toEqual([]);
  });

  it("lists the channel's subscriptions, then unsubscribes", async () => {
    expect(await run('subscriptions', 'developer')).toEqual({
      response_type: 'ephemeral',
      text: 'This channel is not subscribed to any GitLab project.',
    });
    // The listing shows the filters in effect, GitLab's defaults included.
    await run(`${BACKEND.path} subscribe push,issue --all-pipelines`);
    expect(await run('subscriptions', 'developer')).toEqual({
      response_type: 'ephemeral',
      text: `This channel is subscribed to:\n- ${backend()}: issue, push (branches: default; all pipelines)`,
    });

    expect(await run(`${BACKEND.path} unsubscribe`, 'developer')).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('You are not allowed'),
    });
    expect(await integrations()).toHaveLength(1);
    expect(await run(`${BACKEND.path} unsubscribe`)).toEqual({
      response_type: 'in_channel',
      text: `This channel is no longer subscribed to ${backend()}.`,
    });
    expect(await integrations()).toEqual([]);
    expect(await run(`${BACKEND.path} unsubscribe`)).toEqual({
      response_type: 'ephemeral',
      text: `This channel is not subscribed to ${backend()}.`,
    });
  });
});

describe('a Mattermost server without a bot account', () => {
  it('cannot be subscribed: there is nobody to post', async () => {
    await h.database.db.mattermostConnection.update({
      where: { id: h.mattermostConnectionId },
      data: { botTokenSealed: null },
    });
    try {
      await h.link('mattermost', 'maintainer');
      const url = await h.send('mattermost', 'maintainer', `${BACKEND.path} subscribe push`);
      expect(await h.reply('mattermost', url)).toEqual({
        response_type: 'ephemeral',
        text: 'This Mattermost server has no bot account for notifications. Ask an administrator to add one to its connection.',
      });
      expect(await h.database.db.integration.count()).toBe(0);
    } finally {
      await h.database.db.mattermostConnection.update({
        where: { id: h.mattermostConnectionId },
        data: { botTokenSealed: h.box.seal('mm-bot-token') },
      });
    }
  });
});
