import { type ChatReply } from '@chatops/chat';
import { type GitLabApi } from '@chatops/gitlab';
import { type FollowUpIncident } from './follow-up-incident';
import { commentAddedReply } from './follow-up-replies';
import { type FollowUpRequest } from './follow-up-request';

/** `incident comment <text>`: a comment (issue note) on the incident, linked in the answer. */
export async function addComment(
  gitlab: GitLabApi,
  incident: FollowUpIncident,
  request: FollowUpRequest,
): Promise<ChatReply> {
  const note = await gitlab.createIssueNote(incident.projectId, incident.iid, request.text);
  return commentAddedReply(incident, `${incident.webUrl}#note_${note.id}`, request.replacing);
}
