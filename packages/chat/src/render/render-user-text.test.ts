import { type ChatMessage } from '../message/chat-message';
import { renderMessage } from './render-message';

/** What a GitLab user could write to ping a channel or disguise a link. */
const HOSTILE = '<!channel> hi <@U123> <!subteam^S1> <#C1> <https://evil.example|GitLab> @here @all @channel R&D';
const SLACK_SAFE =
  '&lt;!channel&gt; hi &lt;@U123&gt; &lt;!subteam^S1&gt; &lt;#C1&gt; &lt;https://evil.example|GitLab&gt; @here @all @channel R&amp;D';
const WJ = '\u2060';
const MATTERMOST_SAFE = `<!channel> hi <@U123> <!subteam^S1> <#C1> <https://evil.example|GitLab> @${WJ}here @${WJ}all @${WJ}channel R&D`;

// Every text part of a message, hostile, next to a link of ours.
const MESSAGE: ChatMessage = {
  text: `${HOSTILE} [ours](https://gitlab.example.com/a)`,
  attachments: [
    {
      fallback: HOSTILE,
      pretext: HOSTILE,
      authorName: HOSTILE,
      authorLink: 'https://gitlab.example.com/u?a=1&b=2',
      title: HOSTILE,
      titleLink: 'https://gitlab.example.com/t?a=1&b=2',
      text: HOSTILE,
      fields: [
        { title: HOSTILE, value: HOSTILE, short: true },
        { title: 'Comment', value: HOSTILE, short: false, verbatim: true },
      ],
      footer: HOSTILE,
    },
  ],
  buttons: { actionUrl: 'https://chatops.example.com/a', items: [{ text: 'Go', actionId: 'go', value: '1' }] },
};

/** Every string in a rendered body. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('text from GitLab in every part of a message', () => {
  it('shows literally on Slack: escaped, so it mentions nobody and links nowhere', () => {
    const rendered = renderMessage('slack', MESSAGE);
    if (rendered.platform !== 'slack') throw new Error('expected a Slack body');
    const body = rendered.message;
    const all = strings(body).join('\n');
    expect(all).not.toMatch(/<[!@#]|<https:\/\/evil/);
    expect(body.text).toBe(`${SLACK_SAFE} <https://gitlab.example.com/a|ours>`);
    const attachment = body.attachments?.[0];
    for (const part of ['fallback', 'pretext', 'author_name', 'title', 'text', 'footer'] as const) {
      expect(attachment?.[part]).toBe(SLACK_SAFE);
    }
    expect(attachment?.fields).toEqual([
      { title: SLACK_SAFE, value: SLACK_SAFE, short: true },
      { title: 'Comment', value: SLACK_SAFE, short: false },
    ]);
    // Links of ours are URLs, not text: left as they are.
    expect(attachment?.title_link).toBe('https://gitlab.example.com/t?a=1&b=2');
    expect(attachment?.author_link).toBe('https://gitlab.example.com/u?a=1&b=2');
    expect(body.blocks?.[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: `${SLACK_SAFE} <https://gitlab.example.com/a|ours>` },
    });
  });

  it('pings nobody on Mattermost: channel-wide mentions broken, the rest as written', () => {
    const body = renderMessage('mattermost', MESSAGE).message;
    const all = strings(body).join('\n');
    expect(all).not.toMatch(/@(channel|all|here)\b/i);
    expect(body.text).toBe(`${MATTERMOST_SAFE} [ours](https://gitlab.example.com/a)`);
    const attachment = body.attachments?.[0];
    for (const part of ['fallback', 'pretext', 'author_name', 'title', 'text', 'footer'] as const) {
      expect(attachment?.[part]).toBe(MATTERMOST_SAFE);
    }
    expect(attachment?.fields).toEqual([
      { title: MATTERMOST_SAFE, value: MATTERMOST_SAFE, short: true },
      { title: 'Comment', value: MATTERMOST_SAFE, short: false },
    ]);
    expect(attachment?.title_link).toBe('https://gitlab.example.com/t?a=1&b=2');
  });
});
