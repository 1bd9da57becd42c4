import { type ChatReply, ephemeral, inChannel, stripMarkup } from '@chatops/chat';
import { type ApiIssue, type ApiProject } from '@chatops/gitlab';
import { issueCard, issueColor, issueFields, issueReference, issueStatusText, safeTitle } from '../replies/issue-card';
import { defineCommand, matchPattern } from './slash-command';

/** GitLab's IssueShow regex (Ruby `\A` is `^`); anchored only at the start, as GitLab's. */
const ISSUE_SHOW = /^issue\s+show\s+#?(?<iid>\d+)/;

export const issueShow = defineCommand<{ iid: number }>({
  name: 'issue_show',
  usage: 'issue show <id>',
  offered: 'issues',
  scope: 'project',
  match: (text) => matchPattern(ISSUE_SHOW, text, (g) => ({ iid: Number(g.iid) })),
  async run(context, { iid }) {
    const issue = await context.gitlab.issue(context.gitlabProject.id, iid);
    return issueShowReply(issue, context.gitlabProject);
  },
});

/**
 * `issue show`: the issue card for the channel, or for the user alone when the issue is
 * confidential (the channel may hold people who cannot see it).
 */
export function issueShowReply(issue: ApiIssue, project: ApiProject): ChatReply {
  const card = issueCard(issue, {
    fallback: `Issue ${issueReference(issue)}: ${safeTitle(issue)}`,
    pretext: `Issue *${issueReference(issue)}* from ${stripMarkup(project.name_with_namespace)}`,
    text: statusLine(issue),
    color: issueColor(issue),
    fields: issueFields(issue),
    markdownIn: ['pretext', 'text', 'fields'],
  });
  const reply = { attachments: [card] };
  return issue.confidential ? ephemeral(reply) : inChannel(reply);
}

/** `**Open**`, followed by votes and comment counts when there are any. */
function statusLine(issue: ApiIssue): string {
  const status = `**${issueStatusText(issue)}**`;
  const up = issue.upvotes ?? 0;
  const down = issue.downvotes ?? 0;
  const notes = issue.user_notes_count ?? 0;
  if (up === 0 && down === 0 && notes === 0) return status;

  // GitLab's spacing, trailing space included when only votes are shown.
  let line = `${status} · `;
  if (up !== 0) line += `:+1: ${up} `;
  if (down !== 0) line += `:-1: ${down} `;
  if (notes !== 0) line += `:speech_balloon: ${notes}`;
  return line;
}
