import { type CommandReply } from '../types';
import { ephemeral, formatReply, inChannel } from './format-reply';

const REPLY: CommandReply = {
  response_type: 'in_channel',
  text: 'See [the issue](https://gitlab.example.com/a/-/issues/1).',
  attachments: [
    {
      title: '[title](https://gitlab.example.com/t)',
      fallback: '[fallback](https://gitlab.example.com/f)',
      pretext: 'By [@jane](https://gitlab.example.com/jane)',
      text: '[#1](https://gitlab.example.com/a/-/issues/1) · Title',
      fields: [{ title: 'Field', value: '[value](https://gitlab.example.com/v)', short: true }],
    },
  ],
};

describe('formatReply', () => {
  it('turns markdown links into Slack links in text, pretext and attachment text only (as GitLab)', () => {
    expect(formatReply(REPLY, 'slack')).toEqual({
      response_type: 'in_channel',
      text: 'See <https://gitlab.example.com/a/-/issues/1|the issue>.',
      attachments: [
        {
          title: '[title](https://gitlab.example.com/t)',
          fallback: '[fallback](https://gitlab.example.com/f)',
          pretext: 'By <https://gitlab.example.com/jane|@jane>',
          text: '<https://gitlab.example.com/a/-/issues/1|#1> · Title',
          fields: [{ title: 'Field', value: '[value](https://gitlab.example.com/v)', short: true }],
        },
      ],
    });
  });

  it('keeps markdown links for Mattermost, which renders markdown', () => {
    expect(formatReply(REPLY, 'mattermost')).toEqual(REPLY);
  });

  it('does not change the reply it is given', () => {
    const copy = structuredClone(REPLY);
    formatReply(REPLY, 'slack');
    expect(REPLY).toEqual(copy);
  });

  it('leaves absent parts absent', () => {
    expect(formatReply({ response_type: 'ephemeral', attachments: [{ color: '#fff' }] }, 'slack')).toEqual({
      response_type: 'ephemeral',
      attachments: [{ color: '#fff' }],
    });
  });
});

describe('ephemeral / inChannel', () => {
  it('set the response type and format', () => {
    expect(ephemeral({ text: '[a](https://x.example)' }, 'slack')).toEqual({
      response_type: 'ephemeral',
      text: '<https://x.example|a>',
    });
    expect(inChannel({ text: '[a](https://x.example)' }, 'mattermost')).toEqual({
      response_type: 'in_channel',
      text: '[a](https://x.example)',
    });
  });
});
