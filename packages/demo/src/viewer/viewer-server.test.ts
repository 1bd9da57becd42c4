import { type FastifyInstance } from 'fastify';
import { DEMO } from '../config';
import { EventDirector } from '../events/director';
import { DemoWorld } from '../world/demo-world';
import { SlashCommands } from './slash-commands';
import { type ViewPlatform } from './timeline';
import { buildViewer } from './viewer-server';

const SLACK_DEV = 'C0DEMODEV1';
const MM_DEV = 'demochanneldev00000000000a';

/** The viewer over the real fakes (on free ports), with no gateway behind it. */
describe('the chat viewer', () => {
  const world = new DemoWorld({
    ports: { viewer: 0, slack: 0, mattermost: 0, gitlab: 0 },
    gatewayUrl: 'http://127.0.0.1:1',
  });
  let viewer: FastifyInstance;
  let commands: SlashCommands;

  const slackApi = async (method: string, params: Record<string, unknown>) => {
    const response = await fetch(`${world.slack.url}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO.slack.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(params),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const mattermostApi = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${world.mattermost.url}/api/v4${path}`, {
      method,
      headers: { authorization: `Bearer ${DEMO.mattermost.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const messages = async () =>
    (await viewer.inject({ method: 'GET', url: '/api/messages' })).json<{ platforms: ViewPlatform[] }>().platforms;
  const channel = (platforms: ViewPlatform[], platform: string, id: string) =>
    platforms.find((p) => p.platform === platform)?.channels.find((c) => c.id === id);

  beforeAll(async () => {
    await world.start();
    commands = new SlashCommands(world, 'http://127.0.0.1:1');
    const director = new EventDirector({
      gitlabUrl: world.gitlab.url,
      target: async () => undefined,
      effects: { createIssue: (input) => world.createIssue(input) },
    });
    viewer = buildViewer({ world, director, commands, replayDelayMs: 0 });
    await viewer.ready();
  });
  afterAll(async () => {
    await viewer.close();
    await world.stop();
  });

  it('serves the page with its own assets under a strict content security policy', async () => {
    const page = await viewer.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="/assets/viewer.js" defer></script>');
    expect(page.body).toContain('data-event="pipeline-failed"');
    expect(page.body).toMatch(/# dev.*# ci/s);
    expect((await viewer.inject({ method: 'GET', url: '/assets/viewer.js' })).headers['content-type']).toMatch(
      /^text\/javascript/,
    );
  });

  it('refuses POSTs without the x-demo header, and says so when the demo is not seeded', async () => {
    expect((await viewer.inject({ method: 'POST', url: '/api/events/push' })).statusCode).toBe(403);
    const unseeded = await viewer.inject({ method: 'POST', url: '/api/events/push', headers: { 'x-demo': '1' } });
    expect([unseeded.statusCode, unseeded.json()['detail']]).toEqual([
      502,
      'the demo is not seeded yet (run make demo)',
    ]);
    expect(
      (await viewer.inject({ method: 'POST', url: '/api/events/nope', headers: { 'x-demo': '1' } })).statusCode,
    ).toBe(404);
  });

  it('shows Slack threads and edits, Mattermost updates, escaped', async () => {
    const root = await slackApi('chat.postMessage', { channel: SLACK_DEV, text: 'root <script>x</script>' });
    await slackApi('chat.postMessage', { channel: SLACK_DEV, text: 'reply', thread_ts: root['ts'] });
    await slackApi('chat.update', { channel: SLACK_DEV, ts: root['ts'], text: 'root, edited' });
    const post = await mattermostApi('POST', '/posts', {
      channel_id: MM_DEV,
      message: '',
      props: { attachments: [{ color: 'danger', title: 'failed' }] },
    });
    await mattermostApi('PUT', `/posts/${String(post['id'])}/patch`, {
      props: { attachments: [{ color: 'good', title: 'passed' }] },
    });

    const platforms = await messages();
    expect(channel(platforms, 'slack', SLACK_DEV)?.messages).toEqual([
      expect.objectContaining({
        text: 'root, edited',
        edited: true,
        replies: [expect.objectContaining({ text: 'reply' })],
      }),
    ]);
    expect(channel(platforms, 'mattermost', MM_DEV)?.messages).toEqual([
      expect.objectContaining({ edited: false, updated: true, attachments: [{ color: 'good', title: 'passed' }] }),
    ]);
    const fragments = (
      await viewer.inject({ method: 'GET', url: `/fragments?slack=${SLACK_DEV}&mattermost=${MM_DEV}` })
    ).json<Record<string, { messages: string }>>();
    expect(fragments['slack']?.messages).toContain('<span class="edited">(edited)</span>');
    expect(fragments['slack']?.messages).toContain('<div class="thread-count">1 reply</div>');
    expect(fragments['mattermost']?.messages).toContain('style="border-left-color: #2eb67d"');
    expect(fragments['mattermost']?.messages).toContain('(updated)</span>');

    await slackApi('chat.postMessage', { channel: SLACK_DEV, text: '<img src=x onerror=alert(1)>' });
    const page = await viewer.inject({ method: 'GET', url: '/' });
    expect(page.body).not.toContain('<img');
  });

  it('shows a command you ran and the replies only you see, a replacing reply taking the place of the one before', async () => {
    const answer = await viewer.inject({
      method: 'POST',
      url: '/api/command',
      headers: { 'x-demo': '1', 'content-type': 'application/json' },
      payload: { platform: 'slack', channel: 'C0DEMOCI01', text: '/gitlab help' },
    });
    const entry = answer.json<{ responseUrl: string; error: string }>();
    expect(entry.error).toMatch(/^The gateway could not be reached/);
    const reply = (body: unknown) =>
      fetch(entry.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await reply({ text: 'first' });
    await reply({ text: 'second', replace_original: true });
    await reply({ text: 'for everyone', response_type: 'in_channel' });

    const ci = channel(await messages(), 'slack', 'C0DEMOCI01')?.messages ?? [];
    expect(ci.map((m) => [m.kind, m.visibility, m.text])).toEqual([
      ['command', 'you', '/gitlab help'],
      ['message', 'you', entry.error],
      ['message', 'you', 'second'],
      ['message', 'channel', 'for everyone'],
    ]);
    const refused = await viewer.inject({
      method: 'POST',
      url: '/api/command',
      headers: { 'x-demo': '1', 'content-type': 'application/json' },
      payload: { platform: 'slack', channel: SLACK_DEV, text: '/giphy cats' },
    });
    expect(refused.statusCode).toBe(400);
  });
});
