import { type ChatReply, ephemeral, inChannel } from '../message/chat-message';
import { renderMessage, renderNotification, renderReply } from './render-message';

const REPLY: ChatReply = {
  visibility: 'in_channel',
  text: 'See [the issue](https://gitlab.example.com/a/-/issues/1).',
  attachments: [
    {
      title: '[title](https://gitlab.example.com/t)',
      titleLink: 'https://gitlab.example.com/t',
      authorName: '[author](https://gitlab.example.com/a)',
      fallback: 'Issue [#1](https://gitlab.example.com/f)',
      pretext: 'By [@jane](https://gitlab.example.com/jane)',
      text: '[#1](https://gitlab.example.com/a/-/issues/1) · Title',
      fields: [
        { title: 'Field', value: '[value](https://gitlab.example.com/v)', short: true },
        { title: 'Comment', value: 'as [written](https://gitlab.example.com/w)', short: false, verbatim: true },
      ],
      markdownIn: ['pretext', 'text'],
    },
  ],
};

describe('renderReply', () => {
  it('turns markdown links into Slack links in every text part, but not titles, names or verbatim fields', () => {
    expect(renderReply('slack', REPLY)).toEqual({
      response_type: 'in_channel',
      text: 'See <https://gitlab.example.com/a/-/issues/1|the issue>.',
      attachments: [
        {
          title: '[title](https://gitlab.example.com/t)',
          title_link: 'https://gitlab.example.com/t',
          author_name: '[author](https://gitlab.example.com/a)',
          fallback: 'Issue <https://gitlab.example.com/f|#1>',
          pretext: 'By <https://gitlab.example.com/jane|@jane>',
          text: '<https://gitlab.example.com/a/-/issues/1|#1> · Title',
          fields: [
            { title: 'Field', value: '<https://gitlab.example.com/v|value>', short: true },
            { title: 'Comment', value: 'as [written](https://gitlab.example.com/w)', short: false },
          ],
          mrkdwn_in: ['pretext', 'text'],
        },
      ],
    });
  });

  it('keeps markdown links for Mattermost, which renders markdown', () => {
    const body = renderReply('mattermost', REPLY);
    expect(body.text).toBe(REPLY.text);
    expect(body.attachments?.[0]).toMatchObject({
      fallback: 'Issue [#1](https://gitlab.example.com/f)',
      fields: [
        { title: 'Field', value: '[value](https://gitlab.example.com/v)', short: true },
        { title: 'Comment', value: 'as [written](https://gitlab.example.com/w)', short: false },
      ],
    });
  });

  it('shows a verbatim message as written: no link converted, and no Slack syntax but the mentions it names', () => {
    const text = '<@U1>: [a](https://x.example) <https://y.example|b> <@U2>';
    expect(renderReply('slack', ephemeral({ text, verbatim: true, mentions: ['U1'] }))).toEqual({
      response_type: 'ephemeral',
      text: '<@U1>: [a](https://x.example) &lt;https://y.example|b&gt; &lt;@U2&gt;',
    });
  });

  it('does not change the reply it is given', () => {
    const copy = structuredClone(REPLY);
    renderReply('slack', REPLY);
    expect(REPLY).toEqual(copy);
  });

  it('leaves absent parts absent, and says whether to replace the original', () => {
    expect(renderReply('slack', { visibility: 'ephemeral', attachments: [{ color: '#fff' }] })).toEqual({
      response_type: 'ephemeral',
      attachments: [{ color: '#fff' }],
    });
    expect(renderReply('mattermost', { ...inChannel({ text: 'x' }), replaceOriginal: true })).toEqual({
      response_type: 'in_channel',
      text: 'x',
      replace_original: true,
    });
  });
});

describe('renderNotification', () => {
  const message = { text: 'pushed to [main](https://g.example/main)', attachments: [] };

  it('asks Slack not to unfurl, under the integration username', () => {
    expect(renderNotification('slack', message, { username: 'GitLab' })).toEqual({
      platform: 'slack',
      message: {
        text: 'pushed to <https://g.example/main|main>',
        unfurl_links: false,
        unfurl_media: false,
        username: 'GitLab',
      },
    });
  });

  it('gives Mattermost markdown, without Slack-only flags', () => {
    expect(renderNotification('mattermost', message)).toEqual({
      platform: 'mattermost',
      message: { text: 'pushed to [main](https://g.example/main)' },
    });
  });

  it('renders plain messages without the notification flags', () => {
    expect(renderMessage('slack', { text: 'hi' })).toEqual({ platform: 'slack', message: { text: 'hi' } });
  });
});
