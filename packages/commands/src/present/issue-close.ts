import { type ApiIssue, type ApiProject, type ApiUser, type ChatFlavour, type CommandReply } from '../types';
import { ephemeral, inChannel } from './format-reply';
import { issueCard, issueColor, issueFields, issueReference, projectLink, safeTitle, userLink } from './issue-card';

/**
 * `issue close`: the closed issue's card for the channel, or for the user alone when the issue is
 * confidential. (GitLab names the issue's author as the one on whose behalf it was closed; we name
 * the user who closed it.)
 */
export function issueCloseReply(
  issue: ApiIssue,
  project: ApiProject,
  actor: ApiUser,
  flavour: ChatFlavour,
): CommandReply {
  const reference = issueReference(issue);
  const card = issueCard(issue, {
    fallback: `Closed issue ${reference}: ${safeTitle(issue)}`,
    pretext: `I closed an issue on ${userLink(actor)}'s behalf: *${reference}* in ${projectLink(project)}`,
    text: '',
    color: issueColor(issue),
    fields: issueFields(issue),
    mrkdwn_in: ['title', 'pretext', 'fields'],
  });
  const reply = { attachments: [card] };
  return issue.confidential ? ephemeral(reply, flavour) : inChannel(reply, flavour);
}

/** `issue close` on an issue that is closed already. */
export function issueAlreadyClosedReply(issue: ApiIssue, flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: `Issue ${issueReference(issue)} is already closed.` }, flavour);
}
