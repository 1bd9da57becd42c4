import { AccessLevel, type ApiIssue, type GitLabApi, gitlabFailureOf } from '@chatops/gitlab';
import { type FollowUpIncident, incidentFromIssue } from './follow-up-incident';

/** The chooser lists at most this many incidents (Slack: one block per button, 50 blocks a message). */
export const INCIDENT_LIMIT = 10;
/** The projects searched for incidents: the user's most recently active, as the declare form lists them. */
const PROJECT_LIMIT = 100;
/** Projects asked at once, so a user in many projects does not fire a hundred requests together. */
const CONCURRENCY = 10;

/**
 * The user's open incidents, most recent first, at most `INCIDENT_LIMIT`: those of the projects
 * where they are Reporter or more (who may close an incident; GitLab's `GET /issues` would also
 * list every public project's). A project whose issues cannot be listed (issues turned off) is
 * skipped; a token GitLab rejects (401) fails the whole listing, as the user must link again.
 */
export async function openIncidents(gitlab: GitLabApi): Promise<FollowUpIncident[]> {
  const projects = await gitlab.memberProjects(AccessLevel.Reporter, PROJECT_LIMIT);
  const found: FollowUpIncident[] = [];
  for (let start = 0; start < projects.length; start += CONCURRENCY) {
    const batch = projects.slice(start, start + CONCURRENCY);
    const listed = await Promise.allSettled(batch.map((p) => gitlab.openIncidents(p.id, INCIDENT_LIMIT)));
    listed.forEach((result, i) => {
      if (result.status === 'rejected') {
        if (gitlabFailureOf(result.reason).status === 401) throw result.reason;
        return;
      }
      const path = batch[i]?.path_with_namespace ?? '';
      found.push(...result.value.filter(isOpenIncident).map((issue) => incidentFromIssue(issue, path)));
    });
  }
  return newestFirst(found).slice(0, INCIDENT_LIMIT);
}

/** GitLab filters already; a GitLab too old for `issue_type` would list every issue, hence the check. */
function isOpenIncident(issue: ApiIssue): boolean {
  return issue.state === 'opened' && (issue.issue_type === undefined || issue.issue_type === 'incident');
}

/**
 * Most recently created first, across projects: an issue's global id is one sequence for the
 * whole instance, so a larger id is a later incident (a moved issue is created anew, new id).
 */
export function newestFirst<T extends { id: number }>(incidents: readonly T[]): T[] {
  return [...incidents].sort((a, b) => b.id - a.id);
}
