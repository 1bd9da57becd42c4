import { type ApiIssue, type ApiProject, type ApiUser } from '@chatops/commands';
import { Gitlab } from '@gitbeaker/rest';

export type GitLabApi = InstanceType<typeof Gitlab>;

/** GitLab answers within seconds; a command must answer well inside Slack's 30-minute window. */
const QUERY_TIMEOUT_MS = 10_000;

/** The REST client acting as one linked user: GitLab applies that user's own permissions. */
export function gitlabAsUser(host: string, oauthToken: string): GitLabApi {
  return new Gitlab({ host, oauthToken, queryTimeout: QUERY_TIMEOUT_MS });
}

/** A project as commands use it: what replies show, and what decides the commands on offer. */
export interface CommandProject extends ApiProject {
  issues_enabled?: boolean;
  jobs_enabled?: boolean;
  permissions?: { project_access?: { access_level: number } | null; group_access?: { access_level: number } | null };
}

// gitbeaker's response types are wider than what replies read; these narrow them in one place.
export const asProject = (value: unknown): CommandProject => value as CommandProject;
export const asIssue = (value: unknown): ApiIssue => value as ApiIssue;
export const asIssues = (value: unknown): ApiIssue[] => value as ApiIssue[];

/** The acting user as replies link them (`[@username](profile)`), without another API call. */
export function actorOf(gitlabUrl: string, username: string, gitlabUserId: number): ApiUser {
  return { id: gitlabUserId, username, name: username, web_url: `${gitlabUrl}/${username}` };
}

/** Maintainer (40) and above may change a project's integrations. */
export const MAINTAINER = 40;

export function accessLevelOf(project: CommandProject): number {
  return Math.max(
    project.permissions?.project_access?.access_level ?? 0,
    project.permissions?.group_access?.access_level ?? 0,
  );
}
