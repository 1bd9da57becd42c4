import { renderReply } from '@chatops/chat';
import { EMPTY_FIELDS, PROJECT, USER, issue } from '../../test/api-fixtures';
import { issueAlreadyClosedReply, issueCloseReply } from './issue-close.command';

const closed = issue({ state: 'closed' });

describe('issueCloseReply', () => {
  it('tells the channel who closed the issue (Slack)', () => {
    expect(renderReply('slack', issueCloseReply(closed, PROJECT, USER))).toEqual({
      response_type: 'in_channel',
      attachments: [
        {
          title: 'Login button does nothing · #42',
          title_link: 'https://gitlab.example.com/acme/web-app/-/issues/42',
          author_name: 'Ann Author',
          author_icon: 'https://gitlab.example.com/uploads/ann.png',
          fallback: 'Closed issue #42: Login button does nothing',
          pretext:
            "I closed an issue on <https://gitlab.example.com/jane|@jane>'s behalf: *#42* in " +
            '<https://gitlab.example.com/acme/web-app|Acme / Web App>',
          text: '',
          color: '#d22852',
          fields: EMPTY_FIELDS,
          mrkdwn_in: ['title', 'pretext', 'fields'],
        },
      ],
    });
  });

  it('keeps markdown links for Mattermost', () => {
    expect(renderReply('mattermost', issueCloseReply(closed, PROJECT, USER)).attachments?.[0]?.pretext).toBe(
      "I closed an issue on [@jane](https://gitlab.example.com/jane)'s behalf: *#42* in " +
        '[Acme / Web App](https://gitlab.example.com/acme/web-app)',
    );
  });

  it('tells only the user when the issue is confidential', () => {
    expect(renderReply('slack', issueCloseReply({ ...closed, confidential: true }, PROJECT, USER)).response_type).toBe(
      'ephemeral',
    );
  });
});

describe('issueAlreadyClosedReply', () => {
  it('says the issue is closed already', () => {
    expect(renderReply('slack', issueAlreadyClosedReply(closed))).toEqual({
      response_type: 'ephemeral',
      text: 'Issue #42 is already closed.',
    });
  });
});
