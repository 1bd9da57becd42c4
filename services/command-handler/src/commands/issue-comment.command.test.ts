import { renderReply } from '@chatops/chat';
import { PROJECT, USER, issue } from '../../test/api-fixtures';
import { issueCommentReply } from './issue-comment.command';

const note = { id: 555, body: 'Fixed in !12', author: USER };

describe('issueCommentReply', () => {
  it('shows the comment to its author only, linking to it (Slack)', () => {
    expect(renderReply('slack', issueCommentReply(issue(), PROJECT, note))).toEqual({
      response_type: 'ephemeral',
      attachments: [
        {
          title: 'Login button does nothing · #42',
          title_link: 'https://gitlab.example.com/acme/web-app/-/issues/42#note_555',
          author_name: 'Jane Doe',
          author_icon: 'https://gitlab.example.com/uploads/jane.png',
          fallback: 'New comment on #42: Login button does nothing',
          pretext:
            "I commented on an issue on <https://gitlab.example.com/jane|@jane>'s behalf: *#42* in " +
            '<https://gitlab.example.com/acme/web-app|Acme / Web App>',
          text: '',
          color: '#38ae67',
          fields: [{ title: 'Comment', value: 'Fixed in !12', short: false }],
          mrkdwn_in: ['title', 'pretext', 'fields'],
        },
      ],
    });
  });

  it('stays green on a closed issue and keeps markdown links for Mattermost', () => {
    const [card] =
      renderReply('mattermost', issueCommentReply(issue({ state: 'closed' }), PROJECT, note)).attachments ?? [];
    expect(card).toMatchObject({
      color: '#38ae67',
      pretext:
        "I commented on an issue on [@jane](https://gitlab.example.com/jane)'s behalf: *#42* in " +
        '[Acme / Web App](https://gitlab.example.com/acme/web-app)',
    });
  });

  it('shows the comment author, not the issue author, without icon when they have no avatar', () => {
    const [card] =
      renderReply('slack', issueCommentReply(issue(), PROJECT, { ...note, author: { ...USER, avatar_url: null } }))
        .attachments ?? [];
    expect(card?.author_name).toBe('Jane Doe');
    expect(card).not.toHaveProperty('author_icon');
  });
});
