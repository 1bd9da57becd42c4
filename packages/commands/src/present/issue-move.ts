import { markdownLink } from '@chatops/messages';
import { type ApiIssue, type ChatFlavour, type CommandReply } from '../types';
import { inChannel } from './format-reply';
import { issueCard, issueColor, issueFields, issueReference, safeTitle } from './issue-card';

/** `issue move`: the new issue's card, with links to the old and the new issue. */
export function issueMoveReply(oldIssue: ApiIssue, newIssue: ApiIssue, flavour: ChatFlavour): CommandReply {
  const card = issueCard(newIssue, {
    fallback: `Issue ${issueReference(newIssue)}: ${safeTitle(newIssue)}`,
    pretext: `Moved issue *${issueLink(oldIssue)}* to *${issueLink(newIssue)}*`,
    color: issueColor(newIssue),
    fields: issueFields(newIssue),
    mrkdwn_in: ['title', 'pretext', 'text', 'fields'],
  });
  return inChannel({ attachments: [card] }, flavour);
}

function issueLink(issue: ApiIssue): string {
  return markdownLink(issueReference(issue), issue.web_url);
}
