import { renderReply } from '@chatops/chat';
import { AUTHOR, EMPTY_FIELDS, PROJECT, issue } from '../../test/api-fixtures';
import { issueShowReply } from './issue-show.command';

const CARD = {
  title: 'Login button does nothing · #42',
  title_link: 'https://gitlab.example.com/acme/web-app/-/issues/42',
  author_name: 'Ann Author',
  author_icon: 'https://gitlab.example.com/uploads/ann.png',
  fallback: 'Issue #42: Login button does nothing',
  pretext: 'Issue *#42* from Acme / Web App',
  text: '**Open**',
  color: '#38ae67',
  fields: EMPTY_FIELDS,
  mrkdwn_in: ['pretext', 'text', 'fields'],
};

describe('issueShowReply', () => {
  it.each(['slack', 'mattermost'] as const)('shows an open issue to the channel (%s)', (flavour) => {
    expect(renderReply(flavour, issueShowReply(issue(), PROJECT))).toEqual({
      response_type: 'in_channel',
      attachments: [CARD],
    });
  });

  it('shows a confidential issue only to the user', () => {
    expect(renderReply('slack', issueShowReply(issue({ confidential: true }), PROJECT)).response_type).toBe(
      'ephemeral',
    );
  });

  it('shows a closed issue in red', () => {
    const [card] = renderReply('slack', issueShowReply(issue({ state: 'closed' }), PROJECT)).attachments ?? [];
    expect(card).toMatchObject({ text: '**Closed**', color: '#d22852' });
  });

  it('adds votes and comments with GitLab spacing', () => {
    const text = (overrides: Parameters<typeof issue>[0]): string | undefined =>
      renderReply('slack', issueShowReply(issue(overrides), PROJECT)).attachments?.[0]?.text;
    expect(text({ upvotes: 3, downvotes: 1, user_notes_count: 4 })).toBe('**Open** · :+1: 3 :-1: 1 :speech_balloon: 4');
    expect(text({ upvotes: 2 })).toBe('**Open** · :+1: 2 ');
    expect(text({ user_notes_count: 1 })).toBe('**Open** · :speech_balloon: 1');
  });

  it('fills assignee, milestone, labels and weight', () => {
    const shown = issue({
      assignees: [{ name: 'Sam Smith' }, { name: 'Other' }],
      milestone: { title: 'v1.2' },
      labels: ['bug', 'frontend'],
      weight: 3,
    });
    expect(renderReply('slack', issueShowReply(shown, PROJECT)).attachments?.[0]?.fields).toEqual([
      { title: 'Assignee', value: 'Sam Smith', short: true },
      { title: 'Milestone', value: 'v1.2', short: true },
      { title: 'Labels', value: 'bug, frontend', short: true },
      { title: 'Weight', value: '3', short: true },
    ]);
  });

  it('leaves out the weight when GitLab reports none', () => {
    expect(renderReply('slack', issueShowReply(issue({ weight: null }), PROJECT)).attachments?.[0]?.fields).toEqual(
      EMPTY_FIELDS,
    );
  });

  it('leaves out the author icon when the author has no avatar', () => {
    const [card] =
      renderReply('slack', issueShowReply(issue({ author: { ...AUTHOR, avatar_url: null } }), PROJECT)).attachments ??
      [];
    expect(card).not.toHaveProperty('author_icon');
  });

  it('does not let a crafted title or label forge a link', () => {
    const crafted = issue({
      title: 'Click [here](https://evil.example) or <https://evil.example|here>',
      labels: ['<https://evil.example|bug>'],
    });
    const [card] = renderReply('slack', issueShowReply(crafted, PROJECT)).attachments ?? [];
    expect(card).toMatchObject({
      title: 'Click here(https://evil.example) or https://evil.examplehere · #42',
      fallback: 'Issue #42: Click here(https://evil.example) or https://evil.examplehere',
    });
    expect(card?.fields?.[2]).toEqual({ title: 'Labels', value: 'https://evil.examplebug', short: true });
  });
});
