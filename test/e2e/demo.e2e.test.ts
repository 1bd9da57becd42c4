import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, type DemoPorts, demoServiceEnv, type ViewMessage, type ViewPlatform } from '@chatops/demo';
import { freePort } from '@chatops/testing';
import { type Browser, type Page } from 'playwright-core';
import { computedStyle, launchChromium, SCREENSHOTS } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { demoCommand, demoEnv, type DemoProcess, startDemoProcess } from '../support/demo';
import { TEST_ENCRYPTION_KEY, testInfra } from '../support/infra';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { type RunningService, startService } from '../support/services';
import { waitFor } from '../support/wait';

const ADMIN_TOKEN = 'demo-e2e-admin-token-0123456789abcdef';
const [SLACK_DEV, SLACK_CI] = [DEMO.slack.channels[0].id, DEMO.slack.channels[1].id];
const [MM_DEV, MM_CI] = [DEMO.mattermost.channels[0].id, DEMO.mattermost.channels[1].id];

/**
 * `make demo` end to end: the demo process (fakes + viewer), the real gateway, notifier and
 * command-handler pointed at the fakes, the demo's own `seed` and `replay` commands, then what
 * the chat viewer shows (its data endpoint and the page in headless Chromium), and slash commands
 * from the viewer through the gateway, account linking included.
 */
describe('make demo: the replay reaches the chat viewer', () => {
  let database: TestDatabase;
  let prefix: string;
  let stateDir: string;
  let demo: DemoProcess;
  let env: Record<string, string>;
  let viewer: string;
  let gitlab: string;
  const services: RunningService[] = [];

  const platforms = async () =>
    ((await (await fetch(`${viewer}/api/messages`)).json()) as { platforms: ViewPlatform[] }).platforms;
  const channel = (all: ViewPlatform[], platform: string, id: string) =>
    all.find((p) => p.platform === platform)?.channels.find((c) => c.id === id)?.messages ?? [];
  const command = async (platform: string, channelId: string, text: string) => {
    const response = await fetch(`${viewer}/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-demo': '1' },
      body: JSON.stringify({ platform, channel: channelId, text }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { status: number; error?: string };
  };
  const linkIn = (messages: ViewMessage[]) =>
    messages
      .map((m) => /(http:\/\/127\.0\.0\.1:\d+\/link\/gitlab\/[\w-]+)/.exec(m.text)?.[1])
      .filter((link) => link !== undefined)
      .at(-1);

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = uniquePrefix('demo');
    stateDir = mkdtempSync(join(tmpdir(), 'chatops-demo-'));
    const [gatewayPort, viewerPort, slackPort, mattermostPort, gitlabPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const ports: DemoPorts = { viewer: viewerPort, slack: slackPort, mattermost: mattermostPort, gitlab: gitlabPort };
    const gateway = `http://127.0.0.1:${gatewayPort}`;
    viewer = `http://127.0.0.1:${viewerPort}`;
    gitlab = `http://127.0.0.1:${gitlabPort}`;
    env = demoEnv(ports, {
      PUBLIC_URL: gateway,
      DEMO_STATE_FILE: join(stateDir, 'state.json'),
      // Far enough apart that each event is routed before the next (the failed card before the fixed one).
      DEMO_REPLAY_DELAY_MS: '800',
      ADMIN_TOKEN,
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    });
    demo = await startDemoProcess(env, viewer);
    const serviceEnv = {
      ...demoServiceEnv(ports),
      DATABASE_URL: database.url,
      REDIS_URL: testInfra().redisUrl,
      QUEUE_PREFIX: prefix,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      ADMIN_TOKEN,
      PUBLIC_URL: gateway,
    };
    services.push(
      ...(await Promise.all([
        startService('gateway', { ...serviceEnv, GATEWAY_PORT: String(gatewayPort) }),
        startService('notifier', serviceEnv),
        startService('command-handler', serviceEnv),
      ])),
    );
    const seeded = await demoCommand(['seed'], env);
    if (seeded.code !== 0) throw new Error(`demo seed failed:\n${seeded.stdout}${seeded.stderr}`);
    // Seeding twice must work (make demo run again).
    const again = await demoCommand(['seed'], env);
    if (again.code !== 0) throw new Error(`demo seed (again) failed:\n${again.stdout}${again.stderr}`);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await demo?.stop();
    await deletePrefix(prefix);
    await database?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('sends every event through the gateway, and the messages reach the viewer: threads, one edited card', async () => {
    const replay = await demoCommand(['replay'], env);
    expect(replay).toMatchObject({ code: 0 });
    expect(replay.stdout).toMatch(/Pipeline failed\s+→ 202 accepted/);
    expect(replay.stdout).toMatch(/the first message reached the viewer [\d.]+ s after the first event/);

    const all = await waitFor(
      async () => {
        const current = await platforms();
        const ready =
          channel(current, 'slack', SLACK_DEV).length === 3 &&
          channel(current, 'slack', SLACK_CI).length === 2 &&
          channel(current, 'mattermost', MM_DEV).length === 3 &&
          channel(current, 'mattermost', MM_CI).length === 2 &&
          channel(current, 'slack', SLACK_DEV)[1]?.replies.length === 1 &&
          channel(current, 'mattermost', MM_DEV)[1]?.replies.length === 1 &&
          channel(current, 'slack', SLACK_CI)[0]?.edited === true;
        return ready && current;
      },
      { timeoutMs: 30_000, what: 'every replayed message in the viewer' },
    );
    const mergeRequest = `${gitlab}/demo/project/-/merge_requests/11`;
    for (const [platform, dev, ci] of [
      ['slack', SLACK_DEV, SLACK_CI],
      ['mattermost', MM_DEV, MM_CI],
    ] as const) {
      const [push, opened, issue] = channel(all, platform, dev);
      expect(push?.text).toMatch(/^Sam Lee pushed to branch .*feature\/checkout-retry/);
      expect(opened?.text).toContain(mergeRequest);
      expect(opened?.replies[0]?.text).toContain(`${mergeRequest}#note_`);
      expect(issue?.text).toContain(`${gitlab}/demo/project/-/issues/3`);
      const [card, deployment] = channel(all, platform, ci);
      // failed, then fixed: one card, edited in place to the pipeline's last status.
      expect(card?.attachments).toEqual([
        expect.objectContaining({ color: 'good', title: expect.stringMatching(/^Pipeline #7101 has passed/) }),
      ]);
      expect(platform === 'slack' ? card?.edited : card?.updated).toBe(true);
      expect(deployment?.text).toContain('production');
    }

    // scripts/demo.sh send: more events of the same story edit the same card, to red and back to green.
    const cardColor = async (color: string) =>
      waitFor(
        async () => {
          const cards = channel(await platforms(), 'slack', SLACK_CI);
          return cards.length === 2 && cards[0]?.attachments[0]?.['color'] === color;
        },
        { timeoutMs: 15_000, what: `the card turning ${color}` },
      );
    const failed = await demoCommand(['send', 'pipeline-failed'], env);
    expect(failed.stdout).toMatch(/Pipeline failed\s+→ 202/);
    await cardColor('danger');
    expect((await demoCommand(['send', 'pipeline-fixed'], env)).code).toBe(0);
    await cardColor('good');
    expect((await demoCommand(['send', 'nope'], env)).code).toBe(2);
  }, 90_000);

  describe('in headless Chromium', () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1600, height: 1150 } });
      mkdirSync(SCREENSHOTS, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders links, thread replies, colour bars and the edited card', async () => {
      await page.goto(`${viewer}/`);
      const slack = page.locator('.platform.slack');
      await expect(slack.locator('.pane-header').textContent()).resolves.toContain('# dev');
      const link = slack.locator(`.messages a[href="${gitlab}/demo/project/-/merge_requests/11"]`).first();
      await expect(link.getAttribute('target')).resolves.toBe('_blank');
      await expect(slack.locator('.thread .msg').first().textContent()).resolves.toContain(
        'commented on merge request',
      );
      await expect(page.locator('.platform.mattermost .thread .msg').count()).resolves.toBeGreaterThan(0);

      await slack.locator(`.channels a[data-channel="${SLACK_CI}"]`).click();
      await slack.locator('.pane-header', { hasText: '# ci' }).waitFor();
      const card = slack.locator('.messages .msg').first();
      await expect(card.locator('.edited').textContent()).resolves.toBe('(edited)');
      await expect(computedStyle(card.locator('.att'), 'border-left-color')).resolves.toBe(
        'rgb(46, 182, 125)', // Slack's "good" green
      );
      await page.goto(`${viewer}/?slack=${SLACK_DEV}&mattermost=${MM_CI}`);
      await page.locator('.platform.mattermost .messages .edited', { hasText: '(updated)' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'demo-viewer.png') });
    });

    it('sends a Mattermost slash command from the command box, links the account in a new tab, and shows the answer', async () => {
      await page.goto(`${viewer}/`);
      const mattermost = page.locator('.platform.mattermost');
      const box = mattermost.locator('.composer input');
      await box.fill(`/gitlab ${DEMO.gitlab.alias} issue show 2`);
      await box.press('Enter');
      const connect = mattermost.locator('.messages a', { hasText: 'connect your GitLab account' }).last();
      await connect.waitFor({ timeout: 15_000 });
      const [tab] = await Promise.all([page.waitForEvent('popup'), connect.click()]);
      await tab.waitForLoadState();
      await expect(tab.locator('body').textContent()).resolves.toContain('@alex');
      await tab.close();
      await mattermost.locator('.messages', { hasText: 'is now connected' }).waitFor({ timeout: 15_000 });

      await box.fill(`/gitlab ${DEMO.gitlab.alias} issue show 2`);
      await box.press('Enter');
      await mattermost.locator('.messages .att-title', { hasText: 'Write down the release checklist' }).waitFor({
        timeout: 15_000,
      });
      await expect(mattermost.locator('.messages .msg.command').count()).resolves.toBe(2);
      await expect(mattermost.locator('.messages .only-you').count()).resolves.toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'demo-viewer-commands.png') });
    });

    it('sends an event from its button and shows it in the activity log', async () => {
      await page.locator('.events button[data-event="push"]').click();
      await page.locator('#activity li.ok', { hasText: 'Push' }).first().waitFor({ timeout: 15_000 });
    });
  });

  it('runs a Slack slash command from the viewer: link the account over the fake GitLab, then show an issue', async () => {
    await command('slack', SLACK_DEV, '/gitlab demo/project issue show 1');
    const link = await waitFor(async () => linkIn(channel(await platforms(), 'slack', SLACK_DEV)), {
      timeoutMs: 15_000,
      what: 'the connect-your-account link',
    });
    // The browser's way: the gateway, the fake GitLab approving at once, back to the gateway.
    const connected = await fetch(link);
    expect([connected.status, await connected.text()]).toEqual([200, expect.stringContaining('@alex')]);
    await waitFor(
      async () => channel(await platforms(), 'slack', SLACK_DEV).some((m) => /@alex is now connected/.test(m.text)),
      { timeoutMs: 15_000, what: 'the confirmation' },
    );

    await command('slack', SLACK_DEV, '/gitlab demo/project issue show 1');
    const shown = await waitFor(
      async () =>
        channel(await platforms(), 'slack', SLACK_DEV).find((m) =>
          m.attachments.some((a) =>
            String(a['title']).startsWith('Checkout button stays disabled after a failed payment'),
          ),
        ),
      { timeoutMs: 15_000, what: 'the issue in the channel' },
    );
    expect(shown.visibility).toBe('channel');
  }, 60_000);
});
