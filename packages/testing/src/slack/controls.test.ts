import { addTestWorkspace, BOT_TOKEN, callForm, useTestSlack } from '../test-support/slack-fixture.js';
import { FakeSlack } from './fake-slack.js';

describe('FakeSlack fault, load and recording controls', () => {
  let clock = 1_700_000_000_000;
  const slack = useTestSlack(new FakeSlack({ now: () => clock }));

  it('failNext injects HTTP errors, ok:false errors and 429s, then recovers', async () => {
    slack.failNext('chat.postMessage', 1, { status: 503 });
    slack.failNext('chat.postMessage', 1, { error: 'fatal_error' });
    slack.failNext('chat.postMessage', 1, { retryAfterSeconds: 3 });
    const post = () => callForm(slack.url, 'chat.postMessage', { channel: 'general', text: 'x' });
    expect((await post()).status).toBe(503);
    expect(await post()).toMatchObject({ status: 200, body: { ok: false, error: 'fatal_error' } });
    const limited = await post();
    expect([limited.status, limited.headers.get('retry-after'), limited.body['error']]).toEqual([
      429,
      '3',
      'ratelimited',
    ]);
    expect(await post()).toMatchObject({ status: 200, body: { ok: true } });
    expect(slack.calls).toHaveLength(4);
  });

  it('rate limits chat.postMessage per channel with a token bucket', async () => {
    slack.setRateLimit({ perSecond: 1, burst: 2 });
    const post = (channel: string) => callForm(slack.url, 'chat.postMessage', { channel, text: 'x' });
    expect((await post('general')).status).toBe(200);
    expect((await post('#general')).status).toBe(200);
    const third = await post('C0GENERAL1');
    expect([third.status, third.headers.get('retry-after'), third.body]).toEqual([
      429,
      '1',
      { ok: false, error: 'ratelimited' },
    ]);
    expect((await post('C0OPS00001')).status).toBe(200);
    clock += 1_000;
    expect((await post('general')).status).toBe(200);
    expect(slack.messages('general')).toHaveLength(3);
  });

  it('delays every call by the configured latency', async () => {
    slack.setLatency(120);
    const started = Date.now();
    await callForm(slack.url, 'auth.test', {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('keeps only counts when recordCalls is false', async () => {
    const quiet = new FakeSlack({ recordCalls: false });
    const { url: quietUrl } = await quiet.start();
    try {
      addTestWorkspace(quiet);
      for (let i = 0; i < 3; i += 1)
        await callForm(quietUrl, 'chat.postMessage', { channel: 'general', text: `m${i}` }, BOT_TOKEN);
      expect(quiet.calls).toEqual([]);
      expect([quiet.callCount('chat.postMessage'), quiet.callCount()]).toEqual([3, 3]);
      expect(quiet.messages('general')).toHaveLength(3);
    } finally {
      await quiet.stop();
    }
  });
});
