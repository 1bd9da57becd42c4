import { type ChatReply, inChannel, markdownLink } from '@chatops/chat';
import { actionFailedReply } from '@chatops/messages';
import { type ApiIssue, gitlabFailureOf } from '@chatops/gitlab';
import { issueCard, issueColor, issueFields, issueReference, safeTitle } from '../replies/issue-card';
import { defineCommand, matchPattern } from './slash-command';

const ISSUE_MOVE = /^issue\s+move\s+#?(?<iid>\d+)\s+(?:to\s+)?(?<projectPath>\S+)/;

export const issueMove = defineCommand<{ iid: number; projectPath: string }>({
  name: 'issue_move',
  usage: 'issue move <issue_id> (to)? <project_path>',
  offered: 'issues',
  scope: 'project',
  match: (text) => matchPattern(ISSUE_MOVE, text, (g) => ({ iid: Number(g.iid), projectPath: g.projectPath ?? '' })),
  async run(context, { iid, projectPath }) {
    const projectId = context.gitlabProject.id;
    const issue = await context.gitlab.issue(projectId, iid);
    const target = await context.gitlab.project(projectPath);
    try {
      return issueMoveReply(issue, await context.gitlab.moveIssue(projectId, iid, target.id));
    } catch (error) {
      const failure = gitlabFailureOf(error);
      if (failure.status === 400) return actionFailedReply([failure.message.replace(/^400 Bad request - /, '')]);
      throw error;
    }
  },
});

/** `issue move`: the new issue's card, with links to the old and the new issue. */
export function issueMoveReply(oldIssue: ApiIssue, newIssue: ApiIssue): ChatReply {
  const card = issueCard(newIssue, {
    fallback: `Issue ${issueReference(newIssue)}: ${safeTitle(newIssue)}`,
    pretext: `Moved issue *${issueLink(oldIssue)}* to *${issueLink(newIssue)}*`,
    color: issueColor(newIssue),
    fields: issueFields(newIssue),
    markdownIn: ['title', 'pretext', 'text', 'fields'],
  });
  return inChannel({ attachments: [card] });
}

function issueLink(issue: ApiIssue): string {
  return markdownLink(issueReference(issue), issue.web_url);
}
