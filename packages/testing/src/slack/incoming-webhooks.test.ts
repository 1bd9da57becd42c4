import { useTestSlack } from '../test-support/slack-fixture.js';
import { FakeSlack } from './fake-slack.js';

async function post(url: string, body: string, contentType = 'application/json'): Promise<[number, string]> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return [res.status, await res.text()];
}

describe('FakeSlack incoming webhooks and response_url', () => {
  let clock = 1_700_000_000_000;
  const slack = useTestSlack(new FakeSlack({ now: () => clock }));

  it('accepts JSON and payload= forms and answers in plain text like Slack', async () => {
    const hook = slack.createIncomingWebhook({ channel: '#general' });
    expect(hook).toMatch(new RegExp(`^${slack.url}/services/T0TEAM0001/B[A-Z0-9]+/[0-9a-f]+$`));
    expect(await post(hook, JSON.stringify({ text: 'json', channel: '#ignored' }))).toEqual([200, 'ok']);
    const form = new URLSearchParams({ payload: JSON.stringify({ attachments: [{ text: 'form' }] }) }).toString();
    expect(await post(hook, form, 'application/x-www-form-urlencoded')).toEqual([200, 'ok']);
    expect(await post(hook, '{nope')).toEqual([400, 'invalid_payload']);
    expect(await post(hook, JSON.stringify({ username: 'x' }))).toEqual([400, 'no_text']);
    expect(await post(`${slack.url}/services/T0TEAM0001/B000/none`, JSON.stringify({ text: 'x' }))).toEqual([
      404,
      'no_service',
    ]);
    slack.archiveChannel('C0GENERAL1');
    expect(await post(hook, JSON.stringify({ text: 'late' }))).toEqual([410, 'channel_is_archived']);

    expect(slack.messages('general').map((m) => [m.via, m.text, m.attachments])).toEqual([
      ['incoming_webhook', 'json', undefined],
      ['incoming_webhook', '', [{ text: 'form' }]],
    ]);
    expect(slack.webhookPosts(hook).map((p) => [p.status, p.response])).toEqual([
      [200, 'ok'],
      [200, 'ok'],
      [400, 'invalid_payload'],
      [400, 'no_text'],
      [410, 'channel_is_archived'],
    ]);
  });

  it('allows five response_url posts within 30 minutes', async () => {
    const responseUrl = slack.createResponseUrl({ channel: 'general' });
    expect(responseUrl).toMatch(new RegExp(`^${slack.url}/commands/[0-9a-f]+$`));
    expect(await post(responseUrl, JSON.stringify({ text: 'only you', response_type: 'ephemeral' }))).toEqual([
      200,
      'ok',
    ]);
    expect(await post(responseUrl, JSON.stringify({ text: 'everyone', response_type: 'in_channel' }))).toEqual([
      200,
      'ok',
    ]);
    expect(await post(responseUrl, JSON.stringify({ response_type: 'in_channel' }))).toEqual([400, 'no_text']);
    for (let i = 0; i < 3; i += 1)
      expect((await post(responseUrl, JSON.stringify({ text: `n${i}`, replace_original: true })))[0]).toBe(200);
    expect(await post(responseUrl, JSON.stringify({ text: 'sixth' }))).toEqual([404, 'used_url']);
    expect(slack.messages('general').map((m) => [m.via, m.text])).toEqual([['response_url', 'everyone']]);
    expect(slack.responses(responseUrl)).toHaveLength(7);

    const expiring = slack.createResponseUrl();
    clock += 30 * 60 * 1000 + 1;
    expect(await post(expiring, JSON.stringify({ text: 'too late' }))).toEqual([404, 'expired_url']);
  });
});
