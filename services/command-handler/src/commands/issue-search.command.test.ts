import { renderReply } from '@chatops/chat';
import { issue } from '../../test/api-fixtures';
import { issueSearchReply } from './issue-search.command';

const found = (iid: number, state: 'opened' | 'closed' = 'opened') =>
  issue({ iid, state, title: `Bug ${iid}`, web_url: `https://gitlab.example.com/acme/web-app/-/issues/${iid}` });

describe('issueSearchReply', () => {
  it('answers 404 when nothing was found', () => {
    expect(renderReply('slack', issueSearchReply([]))).toEqual({
      response_type: 'ephemeral',
      text: "404 not found! GitLab couldn't find what you were looking for! :boom:",
    });
  });

  it('shows the only issue found, to the user, with a Slack link', () => {
    expect(renderReply('slack', issueSearchReply([found(1)]))).toEqual({
      response_type: 'ephemeral',
      text: 'Here is the only issue I found:',
      attachments: [
        {
          color: '#38ae67',
          fallback: '#1 Bug 1',
          text: '<https://gitlab.example.com/acme/web-app/-/issues/1|#1> · Bug 1 (Open)',
          mrkdwn_in: ['text'],
        },
      ],
    });
  });

  it('counts a few issues, with markdown links for Mattermost', () => {
    expect(renderReply('mattermost', issueSearchReply([found(1), found(2, 'closed')]))).toEqual({
      response_type: 'ephemeral',
      text: 'Here are the 2 issues I found:',
      attachments: [
        {
          color: '#38ae67',
          fallback: '#1 Bug 1',
          text: '[#1](https://gitlab.example.com/acme/web-app/-/issues/1) · Bug 1 (Open)',
          mrkdwn_in: ['text'],
        },
        {
          color: '#d22852',
          fallback: '#2 Bug 2',
          text: '[#2](https://gitlab.example.com/acme/web-app/-/issues/2) · Bug 2 (Closed)',
          mrkdwn_in: ['text'],
        },
      ],
    });
  });

  it('says "the first 5" from five issues on', () => {
    const reply = renderReply('slack', issueSearchReply([1, 2, 3, 4, 5].map((iid) => found(iid))));
    expect(reply.text).toBe('Here are the first 5 issues I found:');
    expect(reply.attachments).toHaveLength(5);
  });

  it('does not let a crafted title forge a link in Slack', () => {
    const crafted = issue({
      iid: 9,
      title: 'see [docs](https://evil.example)',
      web_url: 'https://gitlab.example.com/i/9',
    });
    expect(renderReply('slack', issueSearchReply([crafted])).attachments?.[0]?.text).toBe(
      '<https://gitlab.example.com/i/9|#9> · see docs(https://evil.example) (Open)',
    );
  });
});
