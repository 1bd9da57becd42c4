import { type ChatReply, ephemeral, markdownLink } from '@chatops/chat';
import {
  actionFailedReply as gitlabActionFailedReply,
  genericAccessDeniedReply,
  notFoundReply as gitlabNotFoundReply,
  unreachableReply as gitlabUnreachableReply,
} from '@chatops/messages';
import { type FollowUp, type FollowUpIncident } from './follow-up-incident';

/*
 * What the follow-ups answer. GitLab documents these commands but never shipped them, so the
 * question follows its documentation ("asking you to confirm which incident you'd like to post
 * your comment to") and the confirmations its declare flow ("New incident has been created:
 * <link>."); refusals are GitLab's slash-command texts (Presenters::Access, IssueNew), shared
 * with the command-handler. All go to the user alone.
 */

/** The question above the incident buttons, per follow-up. */
export const CHOOSER_TEXT: Record<FollowUp, string> = {
  comment: "Please confirm which incident you'd like to post your comment to.",
  timeline: "Please confirm which incident you'd like to add your timeline event to.",
  close: "Please confirm which incident you'd like to close.",
};

export const noOpenIncidentsReply = () => ephemeral({ text: 'There are no open incidents in your projects.' });

/** A click on a question that expired, was answered already, or was never asked here. */
export const choiceExpiredReply = () => answer('This incident choice has expired. Please run the command again.', true);

/** `#<iid> - <title>` linked, as the declare flow links a new incident. */
const incidentLink = (incident: FollowUpIncident, url = incident.webUrl) =>
  markdownLink(`#${incident.iid} - ${incident.title}`, url);

export const commentAddedReply = (incident: FollowUpIncident, noteUrl: string, replacing: boolean) =>
  answer(`Your comment has been added to ${incidentLink(incident, noteUrl)}.`, replacing);

export const timelineEventAddedReply = (incident: FollowUpIncident, replacing: boolean) =>
  answer(`A timeline event has been added to ${incidentLink(incident)}.`, replacing);

export const incidentClosedReply = (incident: FollowUpIncident, replacing: boolean) =>
  answer(`Incident ${incidentLink(incident)} has been closed.`, replacing);

/** GitLab's `issue close` text for an issue that is closed already, naming an incident. */
export const alreadyClosedReply = (incident: FollowUpIncident, replacing: boolean) =>
  answer(`Incident #${incident.iid} is already closed.`, replacing);

/**
 * GitLab's refusals (the same texts the command-handler answers with: @chatops/messages), as an
 * answer to a click replacing its question.
 */
export const accessDeniedReply = (replacing: boolean) => replace(genericAccessDeniedReply(), replacing);
export const notFoundReply = (replacing: boolean) => replace(gitlabNotFoundReply(), replacing);
export const actionFailedReply = (messages: readonly string[], replacing: boolean) =>
  replace(gitlabActionFailedReply(messages), replacing);
export const unreachableReply = (replacing: boolean) => replace(gitlabUnreachableReply(), replacing);

/** An answer to a click replaces the question it answers; one to the command itself has nothing to replace. */
function answer(text: string, replacing: boolean): ChatReply {
  return replace(ephemeral({ text }), replacing);
}

function replace(reply: ChatReply, replacing: boolean): ChatReply {
  return replacing ? { ...reply, replaceOriginal: true } : reply;
}
