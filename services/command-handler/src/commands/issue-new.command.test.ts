import { renderReply } from '@chatops/chat';
import { EMPTY_FIELDS, PROJECT, USER, issue } from '../../test/api-fixtures';
import { issueNewReply } from './issue-new.command';

const created = issue({ author: USER });

const CARD = {
  title: 'Login button does nothing · #42',
  title_link: 'https://gitlab.example.com/acme/web-app/-/issues/42',
  author_name: 'Jane Doe',
  author_icon: 'https://gitlab.example.com/uploads/jane.png',
  fallback: 'New issue #42: Login button does nothing',
  color: '#38ae67',
  fields: EMPTY_FIELDS,
  mrkdwn_in: ['title', 'pretext', 'text', 'fields'],
};

describe('issueNewReply', () => {
  it('announces the new issue in the channel with Slack links', () => {
    expect(renderReply('slack', issueNewReply(created, PROJECT, USER))).toEqual({
      response_type: 'in_channel',
      attachments: [
        {
          ...CARD,
          pretext:
            "I created an issue on <https://gitlab.example.com/jane|@jane>'s behalf: **#42** in " +
            '<https://gitlab.example.com/acme/web-app|Acme / Web App>',
        },
      ],
    });
  });

  it('keeps markdown links for Mattermost', () => {
    expect(renderReply('mattermost', issueNewReply(created, PROJECT, USER)).attachments?.[0]?.pretext).toBe(
      "I created an issue on [@jane](https://gitlab.example.com/jane)'s behalf: **#42** in " +
        '[Acme / Web App](https://gitlab.example.com/acme/web-app)',
    );
  });

  it('does not let a crafted title forge a link', () => {
    const crafted = issue({ author: USER, title: '[Free money](https://evil.example)' });
    const [card] = renderReply('slack', issueNewReply(crafted, PROJECT, USER)).attachments ?? [];
    expect(card?.title).toBe('Free money(https://evil.example) · #42');
    expect(card?.fallback).toBe('New issue #42: Free money(https://evil.example)');
  });
});
