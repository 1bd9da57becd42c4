import { type ApiIssue } from '@chatops/gitlab';
import { type Incident } from '@chatops/db';
import { type INCIDENT_FOLLOW_UPS } from '@chatops/jobs';
import { z } from 'zod';

/** `comment`, `timeline` or `close`: what the user asked to do to an incident. */
export type FollowUp = (typeof INCIDENT_FOLLOW_UPS)[number];

/** An incident a follow-up can act on: enough to call GitLab (REST and GraphQL) and to link it. */
export const followUpIncidentSchema = z.object({
  projectId: z.number().int(),
  projectPath: z.string(),
  iid: z.number().int(),
  /** The issue's global id (`gid://gitlab/Issue/<id>`), for the timeline's GraphQL. */
  id: z.number().int(),
  title: z.string(),
  webUrl: z.string(),
});
export type FollowUpIncident = z.infer<typeof followUpIncidentSchema>;

/** An incident as GitLab's REST API lists it; `projectPath` comes from the project it was listed in. */
export function incidentFromIssue(issue: ApiIssue, projectPath: string): FollowUpIncident {
  return {
    projectId: issue.project_id,
    projectPath,
    iid: issue.iid,
    id: issue.id,
    title: issue.title,
    webUrl: issue.web_url,
  };
}

/** An incident chatops recorded (the one whose own channel the command came from). */
export function incidentFromRecord(incident: Incident): FollowUpIncident {
  return {
    projectId: incident.gitlabProjectId,
    projectPath: incident.projectPath,
    iid: incident.gitlabIssueIid,
    id: incident.gitlabIssueId,
    title: incident.title,
    webUrl: incident.webUrl,
  };
}
