import { stripMarkup } from '@chatops/messages';
import { type ApiIssue, type ApiProject, type ChatFlavour, type CommandReply } from '../types';
import { ephemeral, inChannel } from './format-reply';
import { issueCard, issueColor, issueFields, issueReference, issueStatusText, safeTitle } from './issue-card';

/**
 * `issue show`: the issue card for the channel, or for the user alone when the issue is
 * confidential (the channel may hold people who cannot see it).
 */
export function issueShowReply(issue: ApiIssue, project: ApiProject, flavour: ChatFlavour): CommandReply {
  const card = issueCard(issue, {
    fallback: `Issue ${issueReference(issue)}: ${safeTitle(issue)}`,
    pretext: `Issue *${issueReference(issue)}* from ${stripMarkup(project.name_with_namespace)}`,
    text: statusLine(issue),
    color: issueColor(issue),
    fields: issueFields(issue),
    mrkdwn_in: ['pretext', 'text', 'fields'],
  });
  const reply = { attachments: [card] };
  return issue.confidential ? ephemeral(reply, flavour) : inChannel(reply, flavour);
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
