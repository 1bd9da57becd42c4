import { type ChatReply } from '@chatops/chat';
import { type GitLabApi, gitlabFailureOf } from '@chatops/gitlab';
import { type FollowUpIncident } from './follow-up-incident';
import { accessDeniedReply, actionFailedReply, timelineEventAddedReply } from './follow-up-replies';
import { type FollowUpRequest } from './follow-up-request';

/**
 * `incident timeline <text>`: an event on the incident's timeline, at the time the command was
 * typed (GraphQL's `timelineEventCreate`, as GitLab's UI does). GitLab's validation errors (the
 * text over 280 characters) are listed. GraphQL does not tell a missing incident from one the
 * user may not change (Developer and up); REST does, so it is asked when GraphQL refuses.
 */
export async function addTimelineEvent(
  gitlab: GitLabApi,
  incident: FollowUpIncident,
  request: FollowUpRequest,
): Promise<ChatReply> {
  let errors: string[];
  try {
    errors = await gitlab.createTimelineEvent(incident.id, request.text, request.requestedAt);
  } catch (error) {
    if (gitlabFailureOf(error).status !== 404) throw error;
    await gitlab.issue(incident.projectId, incident.iid); // throws GitLab's 404 when it is gone
    return accessDeniedReply(request.replacing);
  }
  if (errors.length > 0) return actionFailedReply(errors, request.replacing);
  return timelineEventAddedReply(incident, request.replacing);
}
