import { type ChatReply } from '@chatops/chat';
import { type Db, markIncidentClosed } from '@chatops/db';
import { type GitLabApi } from '@chatops/gitlab';
import { type Logger } from '@chatops/observability';
import { type FollowUpIncident, incidentFromIssue } from './follow-up-incident';
import { alreadyClosedReply, incidentClosedReply } from './follow-up-replies';
import { type FollowUpRequest } from './follow-up-request';

/**
 * `incident close`: closes the incident as GitLab's `issue close` does (one closed already is
 * said so), and marks chatops' record of it closed when chatops has one.
 */
export async function closeIncident(
  gitlab: GitLabApi,
  db: Db,
  incident: FollowUpIncident,
  request: FollowUpRequest,
  closedAt: Date,
  log: Logger,
): Promise<ChatReply> {
  const current = await gitlab.issue(incident.projectId, incident.iid);
  if (current.state === 'closed') return alreadyClosedReply(incident, request.replacing);
  const closed = await gitlab.closeIssue(incident.projectId, incident.iid);
  // It is closed at GitLab whatever happens here: a record left open is logged, not answered.
  await markIncidentClosed(db, { gitlabProjectId: incident.projectId, gitlabIssueIid: incident.iid }, closedAt).catch(
    (error: unknown) => log.error({ err: error }, 'could not mark the incident closed'),
  );
  return incidentClosedReply(incidentFromIssue(closed, incident.projectPath), request.replacing);
}
