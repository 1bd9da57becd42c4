import { type ChatReply, inChannel } from '@chatops/chat';
import { type ApiIssue, type ApiProject, type ApiUser } from '@chatops/gitlab';
import { issueCard, issueColor, issueFields, issueReference, onBehalfPretext, safeTitle } from '../replies/issue-card';
import { defineCommand, matchPattern } from './slash-command';

/**
 * GitLab's IssueNew regex: the first line is the title, the rest the description. Ruby's `.`
 * excludes only `\n` (JavaScript's also `\r` and Unicode line separators), hence `[^\n]`; Ruby's
 * `(.|\n)*` is `[\s\S]*`.
 */
const ISSUE_NEW = /^issue\s+(?:new|create)\s+(?<title>[^\n]*)\n*(?<description>[\s\S]*)/;

export const issueNew = defineCommand<{ title: string; description: string }>({
  name: 'issue_new',
  usage: 'issue new <title> *`⇧ Shift`*+*`↵ Enter`* <description>',
  offered: 'issues',
  scope: 'project',
  match: (text) =>
    matchPattern(ISSUE_NEW, text, (g) => ({ title: g.title ?? '', description: (g.description ?? '').trimEnd() })),
  async run(context, { title, description }) {
    const issue = await context.gitlab.createIssue(context.gitlabProject.id, title, description ? { description } : {});
    return issueNewReply(issue, context.gitlabProject, context.actor);
  },
});

/** `issue new`: the created issue, announced in the channel on behalf of its author. */
export function issueNewReply(issue: ApiIssue, project: ApiProject, actor: ApiUser): ChatReply {
  const reference = issueReference(issue);
  const card = issueCard(issue, {
    fallback: `New issue ${reference}: ${safeTitle(issue)}`,
    pretext: onBehalfPretext('created an issue', actor, issue, project, { strong: true }),
    color: issueColor(issue),
    fields: issueFields(issue),
    markdownIn: ['title', 'pretext', 'text', 'fields'],
  });
  return inChannel({ attachments: [card] });
}
