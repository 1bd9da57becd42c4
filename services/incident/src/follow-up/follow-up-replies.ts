import { type ChatReply, ephemeral, markdownLink } from '@chatops/chat';
import { type FollowUp, type FollowUpIncident } from './follow-up-incident';

/*
 * What the follow-ups answer. GitLab documents these commands but never shipped them, so the
 * question follows its documentation ("asking you to confirm which incident you'd like to post
 * your comment to") and the confirmations its declare flow ("New incident has been created:
 * <link>."); refusals are GitLab's slash-command texts (Presenters::Access, IssueNew), word for
 * word, the same the command-handler answers with. All go to the user alone.
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

/** The user may see the incident but not do this to it (Presenters::Access#generic_access_denied). */
export const accessDeniedReply = (replacing: boolean) =>
  answer('You are not allowed to perform the given chatops command.', replacing);

/** The incident is gone, or the user may not see it (Presenters::Access#not_found). */
export const notFoundReply = (replacing: boolean) =>
  answer("404 not found! GitLab couldn't find what you were looking for! :boom:", replacing);

/** GitLab refused the change, e.g. "Timeline text is too long (maximum is 280 characters)". */
export const actionFailedReply = (messages: readonly string[], replacing: boolean) =>
  answer(['The action was not successful, because:', ...messages.map((m) => `- ${m}`)].join('\n'), replacing);

/** GitLab did not answer: whether the change was made is unknown (the command-handler's text). */
export const unreachableReply = (replacing: boolean) =>
  answer(
    'GitLab could not be reached, so the command may not have run. Please check GitLab before trying again.',
    replacing,
  );

/** An answer to a click replaces the question it answers; one to the command itself has nothing to replace. */
function answer(text: string, replacing: boolean): ChatReply {
  return { ...ephemeral({ text }), ...(replacing ? { replaceOriginal: true } : {}) };
}
