import { incidentChannelName, slackChannelUrl } from './incident-channel';

describe('incident channels', () => {
  it("are named after the incident's iid and title, within Slack's rules", () => {
    expect(incidentChannelName({ iid: 12, title: 'Checkout: 500s on /pay (EU) !!' })).toBe(
      'incident-12-checkout-500s-on-pay-eu',
    );
    expect(incidentChannelName({ iid: 3, title: 'Ünïcode façade' })).toBe('incident-3-unicode-facade');
    expect(incidentChannelName({ iid: 4, title: '!!!' })).toBe('incident-4');
    expect(incidentChannelName({ iid: 5, title: 'x'.repeat(200) })).toHaveLength(80);
  });

  it('link to the channel in any workspace', () => {
    expect(slackChannelUrl('T1', 'C9')).toBe('https://app.slack.com/client/T1/C9');
  });
});
