import { type ChatReply, ephemeral, markdownLink, stripMarkup } from '@chatops/chat';
import { type ApiIssue } from '@chatops/gitlab';

/*
 * GitLab's texts for incidents from chat (Slack::IncidentManagement services), word for word.
 * Answers to a form replace the message that asked for it (GitLab sends replace_original).
 */

const replacing = (text: string): ChatReply => ({ ...ephemeral({ text }), replaceOriginal: true });

export const noProjectsReply = () =>
  ephemeral({ text: 'You do not have access to any projects for creating incidents.' });
export const formOpenedReply = () => ephemeral({ text: 'Please complete the incident creation form.' });
export const formFailedReply = () => ephemeral({ text: 'Something went wrong while opening the incident form.' });
export const creationCancelledReply = () => replacing('Incident creation cancelled.');
export const creationFailedReply = () => replacing('There was a problem creating the incident. Please try again.');

/** `New incident has been created: <link>.`, and why the assignee was left out when they were. */
export function incidentCreatedReply(
  incident: ApiIssue,
  notAssigned?: { name: string; projectName: string },
): ChatReply {
  const link = markdownLink(`#${incident.iid} - ${stripMarkup(incident.title)}`, incident.web_url);
  const extra = notAssigned
    ? ` However, ${stripMarkup(notAssigned.name)} was not assigned to the incident as they are not a member in ${stripMarkup(notAssigned.projectName)}.`
    : '';
  return replacing(`New incident has been created: ${link}.${extra}`);
}
