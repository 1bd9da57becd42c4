import { type ChatPlatform } from '@chatops/chat';
import { sleep, waitFor } from '@chatops/test-support/wait';
import { BACKEND, PROVIDERS, useCommandHandler } from './harness';

const UNREACHABLE = {
  response_type: 'ephemeral',
  text: 'GitLab could not be reached, so the command may not have run. Please check GitLab before trying again.',
};
const CREATE_ISSUE = 'POST /api/v4/projects/:id/issues';
/** Longer than the first retry delay of a reply post (500 ms). */
const SETTLE_MS = 1200;

describe.each(PROVIDERS)('when GitLab is down (%s)', (provider: ChatPlatform) => {
  const h = useCommandHandler({ gitlabUnreachable: true });

  it('says GitLab could not be reached', async () => {
    await h.link(provider, 'developer');
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue new Fix the build`);
    expect(await h.reply(provider, url)).toEqual(UNREACHABLE);
    await sleep(SETTLE_MS);
    expect(h.responses(provider, url)).toHaveLength(1);
  });
});

describe.each(PROVIDERS)('failures and retries (%s)', (provider: ChatPlatform) => {
  const h = useCommandHandler();

  beforeEach(async () => {
    await h.link(provider, 'developer');
  });

  it('does not run the command again when GitLab fails it with a 500', async () => {
    h.gitlab.failNext(CREATE_ISSUE, 1, { status: 500 });
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue new Fix the build`);
    expect(await h.reply(provider, url)).toEqual(UNREACHABLE);
    await sleep(SETTLE_MS);
    expect(h.gitlab.requestCount(CREATE_ISSUE)).toBe(1);
    expect(h.gitlab.issues()).toHaveLength(0);
    expect(h.responses(provider, url)).toHaveLength(1);
  });

  it('retries a reply the chat failed to take, without running the command again', async () => {
    if (provider === 'slack') h.slack.failNext('response-url', 1, { status: 500 });
    else h.mattermost.failNext('POST /hooks/commands/:id', 1, { status: 500 });
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue new Fix the build`);
    expect(await h.reply(provider, url)).toMatchObject({
      response_type: 'in_channel',
      attachments: [{ title: 'Fix the build · #1' }],
    });
    await sleep(SETTLE_MS);
    expect(h.gitlab.requestCount(CREATE_ISSUE)).toBe(1);
    expect(h.gitlab.issues().map((issue) => issue.title)).toEqual(['Fix the build']);
    if (provider === 'slack') {
      expect(h.responses(provider, url).map((post) => post.status)).toEqual([500, 200]);
    } else {
      // Mattermost's fake answers injected faults before recording; the fault was used up, so the
      // first post did fail: a fresh response URL takes a post at once.
      expect(h.responses(provider, url).map((post) => post.status)).toEqual([200]);
      const probe = h.mattermost.createResponseUrl();
      expect(
        (
          await fetch(probe, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"text":"probe"}',
          })
        ).status,
      ).toBe(200);
    }
  });

  it('drops a reply the chat refuses for good (expired response_url), without running the command again', async () => {
    if (provider === 'slack') h.slack.failNext('response-url', 1, { status: 404, error: 'expired_url' });
    else
      h.mattermost.failNext('POST /hooks/commands/:id', 1, { status: 404, error: 'app.command_webhook.get.missing' });
    const url = await h.send(provider, 'developer', `${BACKEND.path} issue new Fix the build`);
    await waitFor(() => h.gitlab.issues().length === 1, { what: 'the issue' });
    await sleep(SETTLE_MS);
    expect(h.gitlab.requestCount(CREATE_ISSUE)).toBe(1);
    expect(h.responses(provider, url).filter((post) => post.status === 200)).toEqual([]);
    if (provider === 'slack') expect(h.responses(provider, url).map((post) => post.status)).toEqual([404]);
  });
});
