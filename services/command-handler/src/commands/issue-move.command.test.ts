import { renderReply } from '@chatops/chat';
import { EMPTY_FIELDS, issue } from '../../test/api-fixtures';
import { issueMoveReply } from './issue-move.command';

const oldIssue = issue({ state: 'closed' });
const newIssue = issue({ id: 2001, iid: 7, project_id: 9, web_url: 'https://gitlab.example.com/acme/api/-/issues/7' });

describe('issueMoveReply', () => {
  it('shows the new issue to the channel, linking old and new (Slack)', () => {
    expect(renderReply('slack', issueMoveReply(oldIssue, newIssue))).toEqual({
      response_type: 'in_channel',
      attachments: [
        {
          title: 'Login button does nothing · #7',
          title_link: 'https://gitlab.example.com/acme/api/-/issues/7',
          author_name: 'Ann Author',
          author_icon: 'https://gitlab.example.com/uploads/ann.png',
          fallback: 'Issue #7: Login button does nothing',
          pretext:
            'Moved issue *<https://gitlab.example.com/acme/web-app/-/issues/42|#42>* to ' +
            '*<https://gitlab.example.com/acme/api/-/issues/7|#7>*',
          color: '#38ae67',
          fields: EMPTY_FIELDS,
          mrkdwn_in: ['title', 'pretext', 'text', 'fields'],
        },
      ],
    });
  });

  it('keeps markdown links for Mattermost', () => {
    expect(renderReply('mattermost', issueMoveReply(oldIssue, newIssue)).attachments?.[0]?.pretext).toBe(
      'Moved issue *[#42](https://gitlab.example.com/acme/web-app/-/issues/42)* to *[#7](https://gitlab.example.com/acme/api/-/issues/7)*',
    );
  });
});
