import { channelsToTest } from './test-settings';

const route = (channels: string[]) => ({ integrationId: 'i', event: 'push', channels });

describe('channelsToTest', () => {
  it('takes the default channel, then each route channel, once each, trimmed', () => {
    expect(
      channelsToTest({
        destination: 'slack_bot',
        defaultChannel: 'general',
        routes: [route(['dev', ' general ']), route(['ops', 'dev', ''])],
      }),
    ).toEqual(['general', 'dev', 'ops']);
  });

  it('stops at ten channels', () => {
    const many = Array.from({ length: 15 }, (_, i) => `c${i}`);
    expect(channelsToTest({ destination: 'slack_bot', defaultChannel: null, routes: [route(many)] })).toEqual(
      many.slice(0, 10),
    );
  });

  it("uses a webhook's own channel when none is configured, and nothing for bots", () => {
    expect(channelsToTest({ destination: 'mattermost_webhook', defaultChannel: null, routes: [route([])] })).toEqual([
      '',
    ]);
    expect(channelsToTest({ destination: 'slack_bot', defaultChannel: null, routes: [] })).toEqual([]);
  });
});
