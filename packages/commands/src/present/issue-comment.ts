import { type ApiIssue, type ApiProject, type ApiUser, type ChatFlavour, type CommandReply } from '../types';
import { ephemeral } from './format-reply';
import { OPEN_ISSUE_COLOR, issueCard, issueReference, projectLink, safeTitle, userLink } from './issue-card';

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
export function issueCommentReply(
  issue: ApiIssue,
  project: ApiProject,
  note: CreatedNote,
  flavour: ChatFlavour,
): CommandReply {
  const reference = issueReference(issue);
  const card = issueCard(
    issue,
    {
      fallback: `New comment on ${reference}: ${safeTitle(issue)}`,
      pretext: `I commented on an issue on ${userLink(note.author)}'s behalf: *${reference}* in ${projectLink(project)}`,
      text: '',
      color: OPEN_ISSUE_COLOR,
      // The comment is shown as its author wrote it, to its author only.
      fields: [{ title: 'Comment', value: note.body, short: false }],
      mrkdwn_in: ['title', 'pretext', 'fields'],
    },
    { author: note.author, titleLink: `${issue.web_url}#note_${note.id}` },
  );
  return ephemeral({ attachments: [card] }, flavour);
}
