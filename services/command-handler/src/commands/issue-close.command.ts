import { type ChatReply, ephemeral, inChannel } from '@chatops/chat';
import { type ApiIssue, type ApiProject, type ApiUser } from '@chatops/gitlab';
import { issueCard, issueColor, issueFields, issueReference, onBehalfPretext, safeTitle } from '../replies/issue-card';
import { defineCommand, matchPattern } from './slash-command';

const ISSUE_CLOSE = /^issue\s+close\s+#?(?<iid>\d+)/;

export const issueClose = defineCommand<{ iid: number }>({
  name: 'issue_close',
  usage: 'issue close <id>',
  offered: 'issues',
  scope: 'project',
  match: (text) => matchPattern(ISSUE_CLOSE, text, (g) => ({ iid: Number(g.iid) })),
  async run(context, { iid }) {
    const projectId = context.gitlabProject.id;
    const issue = await context.gitlab.issue(projectId, iid);
    if (issue.state === 'closed') return issueAlreadyClosedReply(issue);
    const closed = await context.gitlab.closeIssue(projectId, iid);
    return issueCloseReply(closed, context.gitlabProject, context.actor);
  },
});

/**
 * `issue close`: the closed issue's card for the channel, or for the user alone when the issue is
 * confidential. (GitLab names the issue's author as the one on whose behalf it was closed; we name
 * the user who closed it.)
 */
export function issueCloseReply(issue: ApiIssue, project: ApiProject, actor: ApiUser): ChatReply {
  const reference = issueReference(issue);
  const card = issueCard(issue, {
    fallback: `Closed issue ${reference}: ${safeTitle(issue)}`,
    pretext: onBehalfPretext('closed an issue', actor, issue, project),
    text: '',
    color: issueColor(issue),
    fields: issueFields(issue),
    markdownIn: ['title', 'pretext', 'fields'],
  });
  const reply = { attachments: [card] };
  return issue.confidential ? ephemeral(reply) : inChannel(reply);
}

/** `issue close` on an issue that is closed already. */
export function issueAlreadyClosedReply(issue: ApiIssue): ChatReply {
  return ephemeral({ text: `Issue ${issueReference(issue)} is already closed.` });
}
