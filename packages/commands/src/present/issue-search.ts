import { markdownLink } from '@chatops/messages';
import { type ApiIssue, type ChatFlavour, type CommandReply, type ReplyAttachment } from '../types';
import { notFoundReply } from './access';
import { ephemeral } from './format-reply';
import { issueColor, issueReference, issueStatusText, safeTitle } from './issue-card';

/** GitLab shows at most this many search results. */
export const ISSUE_SEARCH_LIMIT = 5;

/**
 * `issue search`: one line per issue found (the caller asks GitLab for at most
 * ISSUE_SEARCH_LIMIT), shown to the user alone; nothing found is GitLab's 404 text.
 */
export function issueSearchReply(issues: readonly ApiIssue[], flavour: ChatFlavour): CommandReply {
  if (issues.length === 0) return notFoundReply(flavour);
  return ephemeral({ text: heading(issues.length), attachments: issues.map(searchResult) }, flavour);
}

function heading(count: number): string {
  if (count >= ISSUE_SEARCH_LIMIT) return `Here are the first ${ISSUE_SEARCH_LIMIT} issues I found:`;
  if (count === 1) return 'Here is the only issue I found:';
  return `Here are the ${count} issues I found:`;
}

function searchResult(issue: ApiIssue): ReplyAttachment {
  const reference = issueReference(issue);
  return {
    color: issueColor(issue),
    fallback: `${reference} ${safeTitle(issue)}`,
    text: `${markdownLink(reference, issue.web_url)} · ${safeTitle(issue)} (${issueStatusText(issue)})`,
    mrkdwn_in: ['text'],
  };
}
