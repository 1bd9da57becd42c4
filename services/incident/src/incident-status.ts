import { type GitLabApi } from '@chatops/gitlab';

/*
 * An incident's severity and escalation status are set through GitLab's GraphQL API (its REST API
 * has no parameter for them), with the same mutations GitLab's own UI uses.
 */

const SET_SEVERITY = `mutation($projectPath: ID!, $iid: String!, $severity: IssuableSeverity!) {
  issueSetSeverity(input: { projectPath: $projectPath, iid: $iid, severity: $severity }) { errors }
}`;

const SET_ESCALATION_STATUS = `mutation($projectPath: ID!, $iid: String!, $status: IssueEscalationStatus!) {
  issueSetEscalationStatus(input: { projectPath: $projectPath, iid: $iid, status: $status }) { errors }
}`;

type MutationErrors = Record<string, { errors: string[] }>;

/** Sets the severity (critical, high, medium, low; `unknown`, GitLab's default, is left alone). */
export async function setSeverity(
  gitlab: GitLabApi,
  projectPath: string,
  iid: number,
  severity: string,
): Promise<void> {
  if (severity === 'unknown') return;
  const result = await gitlab.graphql<MutationErrors>(SET_SEVERITY, {
    projectPath,
    iid: String(iid),
    severity: severity.toUpperCase(),
  });
  throwOnErrors(result.issueSetSeverity?.errors);
}

/** Sets the escalation status (triggered, acknowledged, resolved). */
export async function setEscalationStatus(
  gitlab: GitLabApi,
  projectPath: string,
  iid: number,
  status: string,
): Promise<void> {
  const result = await gitlab.graphql<MutationErrors>(SET_ESCALATION_STATUS, {
    projectPath,
    iid: String(iid),
    status: status.toUpperCase(),
  });
  throwOnErrors(result.issueSetEscalationStatus?.errors);
}

function throwOnErrors(errors: string[] | undefined): void {
  if (errors && errors.length > 0) throw new Error(errors.join('; '));
}
