import { OutboundGuard, OutboundPolicy } from '@chatops/outbound';
import { freePort } from '@chatops/testing';
import { ChatProviderError } from '../chat-provider-error';
import { ChatSenders } from './chat-senders';
import { platformOf, storedProviderBody } from './chat-destination';

describe('storedProviderBody', () => {
  it('tags a stored body with the platform of the destination it was rendered for', () => {
    expect(storedProviderBody('slack_webhook', { text: 'a' })).toEqual({ platform: 'slack', message: { text: 'a' } });
    expect(storedProviderBody('mattermost_bot', { text: 'b' })).toEqual({
      platform: 'mattermost',
      message: { text: 'b' },
    });
  });

  it('refuses what is not a body', () => {
    expect(() => storedProviderBody('slack_bot', null)).toThrow(ChatProviderError);
  });
});

describe('platformOf', () => {
  it.each([
    ['slack_bot', 'slack'],
    ['slack_webhook', 'slack'],
    ['mattermost_bot', 'mattermost'],
    ['mattermost_webhook', 'mattermost'],
  ] as const)('%s posts to %s', (kind, platform) => {
    expect(platformOf(kind)).toBe(platform);
  });
});

describe('ChatSenders', () => {
  it('refuses to post a body rendered for the other platform, before any request', async () => {
    const senders = new ChatSenders({
      slackApiUrl: 'http://127.0.0.1:9/api/',
      outbound: new OutboundGuard(OutboundPolicy.strict()),
    });
    const target = { kind: 'slack_webhook' as const, channel: '', credential: 'http://127.0.0.1:9/hook' };
    await expect(senders.post(target, { platform: 'mattermost', message: { text: 'x' } })).rejects.toMatchObject({
      providerError: 'platform_mismatch',
      retryable: false,
    });
  });
});

describe('delivery errors name their cause', () => {
  let closedPort = '';
  let senders: ChatSenders;
  beforeAll(async () => {
    closedPort = `http://127.0.0.1:${await freePort()}`;
    // Loopback let through, so that the connection is tried (and refused by the closed port).
    senders = new ChatSenders({
      slackApiUrl: `${closedPort}/api/`,
      timeoutMs: 2000,
      outbound: new OutboundGuard(OutboundPolicy.from('127.0.0.1')),
    });
  });

  it.each([
    ['slack_bot', { platform: 'slack' as const, message: { text: 'x' } }],
    ['slack_webhook', { platform: 'slack' as const, message: { text: 'x' } }],
    ['mattermost_webhook', { platform: 'mattermost' as const, message: { text: 'x' } }],
  ] as const)('%s: a refused connection says so, with the address', async (kind, body) => {
    const credential = kind === 'slack_bot' ? 'xoxb-1' : `${closedPort}/hook`;
    const error = await senders.post({ kind, channel: 'C1', credential }, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatProviderError);
    expect((error as ChatProviderError).retryable).toBe(true);
    expect((error as ChatProviderError).message).toMatch(/^request_error: .*ECONNREFUSED 127\.0\.0\.1:\d+/);
  });
});
