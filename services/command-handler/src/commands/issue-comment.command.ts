import { type ChatReply, ephemeral } from '@chatops/chat';
import { actionFailedReply, genericAccessDeniedReply } from '@chatops/messages';
import { type ApiIssue, type ApiProject, type ApiUser, gitlabFailureOf } from '@chatops/gitlab';
import { issueCard, issueReference, onBehalfPretext, OPEN_ISSUE_COLOR, safeTitle } from '../replies/issue-card';
import { defineCommand, matchPattern } from './slash-command';

const ISSUE_COMMENT = /^issue\s+comment\s+#?(?<iid>\d+)\n*(?<body>[\s\S]*)/;

export const issueComment = defineCommand<{ iid: number; body: string }>({
  name: 'issue_comment',
  usage: 'issue comment <id> *`⇧ Shift`*+*`↵ Enter`* <comment>',
  offered: 'issues',
  scope: 'project',
  match: (text) => matchPattern(ISSUE_COMMENT, text, (g) => ({ iid: Number(g.iid), body: (g.body ?? '').trim() })),
  async run(context, { iid, body }) {
    const projectId = context.gitlabProject.id;
    const issue = await context.gitlab.issue(projectId, iid);
    // GitLab's own check, before asking the API (which would only say "body is missing").
    if (body === '') return actionFailedReply(["Note can't be blank"]);
    try {
      const note = await context.gitlab.createIssueNote(projectId, iid, body);
      // GitLab's card shows the note's author as GitLab has them (full name, avatar).
      return issueCommentReply(issue, context.gitlabProject, {
        id: note.id,
        body: note.body,
        author: note.author ?? context.actor,
      });
    } catch (error) {
      // The issue is readable but not commentable (locked discussion): GitLab's generic denial.
      if (gitlabFailureOf(error).status === 403) return genericAccessDeniedReply();
      throw error;
    }
  },
});

/** The comment that `issue comment` created. */
export interface CreatedNote {
  id: number;
  body: string;
  author: ApiUser;
}

/**
 * `issue comment`: the comment's card, always to the user alone (the comment itself is visible
 * in GitLab). The title links to the comment.
 */
export function issueCommentReply(issue: ApiIssue, project: ApiProject, note: CreatedNote): ChatReply {
  const reference = issueReference(issue);
  const card = issueCard(
    issue,
    {
      fallback: `New comment on ${reference}: ${safeTitle(issue)}`,
      pretext: onBehalfPretext('commented on an issue', note.author, issue, project),
      text: '',
      color: OPEN_ISSUE_COLOR,
      // The comment is shown as its author wrote it, to its author only.
      fields: [{ title: 'Comment', value: note.body, short: false, verbatim: true }],
      markdownIn: ['title', 'pretext', 'fields'],
    },
    { author: note.author, titleLink: `${issue.web_url}#note_${note.id}` },
  );
  return ephemeral({ attachments: [card] });
}
