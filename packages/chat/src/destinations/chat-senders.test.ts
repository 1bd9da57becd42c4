import { createServer } from 'node:http';
import { type AddressInfo, type LookupFunction } from 'node:net';
import { type ChatMessage } from '../message/chat-message';
import { OutboundGuard, OutboundPolicy } from '@chatops/outbound';
import { FakeMattermost, FakeSlack } from '@chatops/testing';
import { ChatProviderError } from '../chat-provider-error';
import { type DeliveryTarget, renderForDestination } from './chat-destination';
import { ChatSenders } from './chat-senders';

const message: ChatMessage = {
  text: 'John pushed to [main](https://g.example/p/-/commits/main)',
  attachments: [
    {
      text: '[abc](https://g.example/c): fix - A',
      color: '#334455',
      fields: [{ title: 'Branch', value: '[main](https://g.example/b)', short: true }],
    },
  ],
};

describe('ChatSenders (against the fakes over HTTP)', () => {
  const slack = new FakeSlack();
  const mattermost = new FakeMattermost();
  let senders: ChatSenders;
  let mattermostUrl = '';
  // The fakes listen on loopback, which chatops refuses by default: let it through, as tests do.
  const outbound = new OutboundGuard(OutboundPolicy.from('127.0.0.1'));

  beforeAll(async () => {
    const { url } = await slack.start();
    ({ url: mattermostUrl } = await mattermost.start());
    senders = new ChatSenders({ slackApiUrl: `${url}/api`, timeoutMs: 2000, outbound });
  });
  afterAll(async () => {
    await Promise.all([slack.stop(), mattermost.stop(), outbound.close()]);
  });
  beforeEach(() => {
    slack.reset();
    mattermost.reset();
    slack.addWorkspace({
      teamId: 'T1',
      botToken: 'xoxb-1',
      botUserId: 'UBOT',
      channels: [
        { id: 'C1', name: 'general' },
        { id: 'C2', name: 'dev' },
      ],
    });
    mattermost.addTeam({ id: 'team1', name: 'eng' });
    mattermost.addUser({ id: 'bot1', username: 'gitlab', token: 'mm-bot', teamIds: ['team1'], isBot: true });
    mattermost.addChannel({ id: 'ch1', teamId: 'team1', name: 'town-square', type: 'O', members: ['bot1'] });
  });

  const post = (target: DeliveryTarget, username?: string) =>
    senders.post(target, renderForDestination(target.kind, message, { username: username ?? null }));

  it('posts through a Slack bot token and returns the ts', async () => {
    const result = await post({ kind: 'slack_bot', channel: 'C1', credential: 'xoxb-1' });
    const [posted] = slack.messages('C1');
    expect(result.messageId).toBe(posted?.ts);
    expect(posted?.text).toBe('John pushed to <https://g.example/p/-/commits/main|main>');
  });

  it('sends a Slack direct message when the channel is a member ID', async () => {
    slack.addUser('T1', { id: 'U0ALICE', name: 'alice' });
    const result = await post({ kind: 'slack_bot', channel: 'U0ALICE', credential: 'xoxb-1' });
    expect(result.channelId).toMatch(/^D/);
    expect(slack.messages(result.channelId ?? '')[0]?.text).toBe(
      'John pushed to <https://g.example/p/-/commits/main|main>',
    );
  });

  it('posts to a Slack incoming webhook, naming the channel and username as GitLab does', async () => {
    const url = slack.createIncomingWebhook({ channel: 'C1', teamId: 'T1' });
    await post({ kind: 'slack_webhook', channel: 'dev', credential: url }, 'GitLab');
    const [inbound] = slack.webhookPosts(url);
    expect(inbound?.status).toBe(200);
    expect(inbound?.payload).toMatchObject({
      channel: 'dev',
      username: 'GitLab',
      text: 'John pushed to <https://g.example/p/-/commits/main|main>',
      attachments: [
        {
          text: '<https://g.example/c|abc>: fix - A',
          fields: [{ title: 'Branch', value: '<https://g.example/b|main>', short: true }],
        },
      ],
    });
  });

  it("maps Slack webhook refusals to permanent errors with Slack's reason", async () => {
    const url = slack.createIncomingWebhook({ channel: 'C1', teamId: 'T1' });
    slack.removeIncomingWebhook(url);
    const error = await post({ kind: 'slack_webhook', channel: '', credential: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatProviderError);
    expect(error).toMatchObject({ retryable: false, providerError: 'no_service', providerHttpStatus: 404 });
  });

  it('posts markdown to a Mattermost incoming webhook', async () => {
    const url = mattermost.createIncomingWebhook({ channelId: 'ch1', teamId: 'team1', userId: 'bot1' });
    await post({ kind: 'mattermost_webhook', channel: 'town-square', credential: url });
    const [inbound] = mattermost.webhookPosts(url);
    expect(inbound?.status).toBe(200);
    expect(inbound?.payload).toMatchObject({
      channel: 'town-square',
      text: 'John pushed to [main](https://g.example/p/-/commits/main)',
      attachments: [
        {
          text: '[abc](https://g.example/c): fix - A',
          fields: [{ title: 'Branch', value: '[main](https://g.example/b)', short: true }],
        },
      ],
    });
  });

  it('retries Mattermost webhook server errors and honours 429 waits', async () => {
    const url = mattermost.createIncomingWebhook({ channelId: 'ch1', teamId: 'team1', userId: 'bot1' });
    mattermost.failNext('POST /hooks/:id', 1, { status: 503 });
    await expect(post({ kind: 'mattermost_webhook', channel: '', credential: url })).rejects.toMatchObject({
      retryable: true,
      providerHttpStatus: 503,
    });
    mattermost.failNext('POST /hooks/:id', 1, { retryAfterSeconds: 3 });
    await expect(post({ kind: 'mattermost_webhook', channel: '', credential: url })).rejects.toMatchObject({
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it('never follows a redirect from a Mattermost webhook or response_url: a 3xx is a permanent refusal', async () => {
    const target = mattermost.createIncomingWebhook({ channelId: 'ch1', teamId: 'team1', userId: 'bot1' });
    // A 307 keeps the POST and its body: followed, it would post wherever the redirect points.
    const redirector = createServer((_req, res) => res.writeHead(307, { location: target }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirector.address() as AddressInfo;
      const failure = post({ kind: 'mattermost_webhook', channel: '', credential: `http://127.0.0.1:${port}/hooks/x` });
      await expect(failure).rejects.toMatchObject({
        retryable: false,
        providerHttpStatus: 307,
        providerError: 'http_307',
      });
      expect(mattermost.webhookPosts(target)).toEqual([]);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  });

  it('posts through the Mattermost API with a bot token and returns the post id', async () => {
    const result = await post({
      kind: 'mattermost_bot',
      channel: 'ch1',
      credential: 'mm-bot',
      serverUrl: mattermostUrl,
    });
    const [posted] = mattermost.posts('ch1');
    expect(result.messageId).toBe(posted?.id);
    expect(posted?.message).toBe('John pushed to [main](https://g.example/p/-/commits/main)');
    expect(posted?.props).toMatchObject({ attachments: [{ text: '[abc](https://g.example/c): fix - A' }] });
  });

  it('replies in a Slack thread and edits a message in place', async () => {
    const target: DeliveryTarget = { kind: 'slack_bot', channel: 'general', credential: 'xoxb-1' };
    const root = await post(target);
    expect(root.channelId).toBe('C1');
    const body = renderForDestination('slack_bot', message);
    await senders.post(target, body, { threadId: root.messageId ?? '' });
    await senders.update(
      { ...target, channel: root.channelId ?? '' },
      root.messageId ?? '',
      renderForDestination('slack_bot', { text: 'edited', attachments: [] }),
    );
    const [first, reply] = slack.messages('C1');
    expect(reply?.thread_ts).toBe(root.messageId);
    expect(first?.text).toBe('edited');
  });

  it('replies under a Mattermost root post and patches it', async () => {
    const target: DeliveryTarget = {
      kind: 'mattermost_bot',
      channel: 'ch1',
      credential: 'mm-bot',
      serverUrl: mattermostUrl,
    };
    const root = await post(target);
    await senders.post(target, renderForDestination('mattermost_bot', message), { threadId: root.messageId ?? '' });
    await senders.update(
      target,
      root.messageId ?? '',
      renderForDestination('mattermost_bot', { text: 'edited', attachments: [] }),
    );
    const [first, reply] = mattermost.posts('ch1');
    expect(reply?.root_id).toBe(root.messageId);
    expect(first?.message).toBe('edited');
  });

  it('cannot edit through an incoming webhook', async () => {
    expect(() =>
      senders.update(
        { kind: 'slack_webhook', channel: '', credential: 'https://x.example' },
        '1',
        renderForDestination('slack_webhook', message),
      ),
    ).toThrow(ChatProviderError);
  });

  it('maps Mattermost API refusals to permanent errors', async () => {
    const error = await post({
      kind: 'mattermost_bot',
      channel: 'ch1',
      credential: 'wrong',
      serverUrl: mattermostUrl,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, providerHttpStatus: 401 });
  });
});

describe('ChatSenders with the default outbound policy (internal targets refused)', () => {
  const slack = new FakeSlack();
  const mattermost = new FakeMattermost();
  let slackPort = '';
  let mattermostPort = '';
  // chat.internal.test resolves to loopback, where the fakes listen: a webhook host that looks
  // public in the URL and turns inward when resolved.
  const lookup: LookupFunction = (_host, options, callback) =>
    options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
  const outbound = new OutboundGuard(OutboundPolicy.strict(), { lookup });
  let senders: ChatSenders;
  const body = { platform: 'mattermost' as const, message: { text: 'x' } };

  beforeAll(async () => {
    const { url } = await slack.start();
    slackPort = new URL(url).port;
    mattermostPort = new URL((await mattermost.start()).url).port;
    senders = new ChatSenders({ slackApiUrl: `${url}/api`, timeoutMs: 2000, outbound });
    slack.addWorkspace({
      teamId: 'T1',
      botToken: 'xoxb-1',
      botUserId: 'UBOT',
      channels: [{ id: 'C1', name: 'general' }],
    });
    mattermost.addTeam({ id: 'team1', name: 'eng' });
    mattermost.addUser({ id: 'bot1', username: 'gitlab', token: 'mm-bot', teamIds: ['team1'], isBot: true });
    mattermost.addChannel({ id: 'ch1', teamId: 'team1', name: 'town-square', type: 'O', members: ['bot1'] });
  });
  afterAll(async () => {
    await Promise.all([slack.stop(), mattermost.stop(), outbound.close()]);
  });

  const refusal = (host: string) =>
    `outbound_refused: ${host} resolves to a loopback address (127.0.0.1); ` +
    'chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them';

  it.each([
    ['slack_webhook', () => slack.createIncomingWebhook({ channel: 'C1', teamId: 'T1' }), () => slackPort],
    [
      'mattermost_webhook',
      () => mattermost.createIncomingWebhook({ channelId: 'ch1', teamId: 'team1', userId: 'bot1' }),
      () => mattermostPort,
    ],
  ] as const)('%s: refuses, for good, a webhook whose host resolves to loopback', async (kind, createHook, port) => {
    const hook = new URL(createHook());
    const url = `http://chat.internal.test:${port()}${hook.pathname}`;
    const platformBody = kind === 'slack_webhook' ? { ...body, platform: 'slack' as const } : body;
    const error = await senders.post({ kind, channel: '', credential: url }, platformBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatProviderError);
    expect(error).toMatchObject({ retryable: false, providerError: 'outbound_refused' });
    expect((error as Error).message).toBe(refusal('chat.internal.test'));
    expect(slack.webhookPosts(hook.href)).toEqual([]);
    expect(mattermost.webhookPosts(hook.href)).toEqual([]);
  });

  it('refuses a literal loopback webhook URL before connecting', async () => {
    const hook = slack.createIncomingWebhook({ channel: 'C1', teamId: 'T1' });
    const target = { kind: 'slack_webhook' as const, channel: '', credential: hook };
    const error = await senders.post(target, { ...body, platform: 'slack' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, providerError: 'outbound_refused' });
    expect((error as Error).message).toContain('points at a loopback address (127.0.0.1)');
    expect(slack.webhookPosts(hook)).toEqual([]);
  });

  it('mattermost_bot: refuses a Mattermost server that resolves to loopback', async () => {
    const target = {
      kind: 'mattermost_bot' as const,
      channel: 'ch1',
      credential: 'mm-bot',
      serverUrl: `http://mattermost.internal.test:${mattermostPort}`,
    };
    const error = await senders.post(target, body).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, providerError: 'outbound_refused' });
    expect((error as Error).message).toBe(refusal('mattermost.internal.test'));
    expect(mattermost.posts('ch1')).toEqual([]);
  });
});
