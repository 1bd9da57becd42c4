import { type ApiIssue, type ApiProject, type ApiUser, type ChatFlavour, type CommandReply } from '../types';
import { inChannel } from './format-reply';
import { issueCard, issueColor, issueFields, issueReference, projectLink, safeTitle, userLink } from './issue-card';

/** `issue new`: the created issue, announced in the channel on behalf of its author. */
export function issueNewReply(
  issue: ApiIssue,
  project: ApiProject,
  actor: ApiUser,
  flavour: ChatFlavour,
): CommandReply {
  const reference = issueReference(issue);
  const card = issueCard(issue, {
    fallback: `New issue ${reference}: ${safeTitle(issue)}`,
    pretext: `I created an issue on ${userLink(actor)}'s behalf: **${reference}** in ${projectLink(project)}`,
    color: issueColor(issue),
    fields: issueFields(issue),
    mrkdwn_in: ['title', 'pretext', 'text', 'fields'],
  });
  return inChannel({ attachments: [card] }, flavour);
}
