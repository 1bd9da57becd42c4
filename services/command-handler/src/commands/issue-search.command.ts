import { type ChatAttachment, type ChatReply, ephemeral, markdownLink } from '@chatops/chat';
import { notFoundReply } from '@chatops/messages';
import { type ApiIssue } from '@chatops/gitlab';
import { issueColor, issueReference, issueStatusText, safeTitle } from '../replies/issue-card';
import { defineCommand, matchPattern } from './slash-command';

const ISSUE_SEARCH = /^issue\s+search\s+(?<query>[^\n]*)/;

/** GitLab shows at most this many search results. */
export const ISSUE_SEARCH_LIMIT = 5;

export const issueSearch = defineCommand<{ query: string }>({
  name: 'issue_search',
  usage: 'issue search <your query>',
  offered: 'issues',
  scope: 'project',
  match: (text) => matchPattern(ISSUE_SEARCH, text, (g) => ({ query: g.query ?? '' })),
  async run(context, { query }) {
    const issues = await context.gitlab.searchIssues(context.gitlabProject.id, query, ISSUE_SEARCH_LIMIT);
    return issueSearchReply(issues.slice(0, ISSUE_SEARCH_LIMIT));
  },
});

/**
 * `issue search`: one line per issue found (at most ISSUE_SEARCH_LIMIT), shown to the user
 * alone; nothing found is GitLab's 404 text.
 */
export function issueSearchReply(issues: readonly ApiIssue[]): ChatReply {
  if (issues.length === 0) return notFoundReply();
  return ephemeral({ text: heading(issues.length), attachments: issues.map(searchResult) });
}

function heading(count: number): string {
  if (count >= ISSUE_SEARCH_LIMIT) return `Here are the first ${ISSUE_SEARCH_LIMIT} issues I found:`;
  if (count === 1) return 'Here is the only issue I found:';
  return `Here are the ${count} issues I found:`;
}

function searchResult(issue: ApiIssue): ChatAttachment {
  const reference = issueReference(issue);
  return {
    color: issueColor(issue),
    fallback: `${reference} ${safeTitle(issue)}`,
    text: `${markdownLink(reference, issue.web_url)} · ${safeTitle(issue)} (${issueStatusText(issue)})`,
    markdownIn: ['text'],
  };
}
