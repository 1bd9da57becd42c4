/*
 * GitLab REST API objects, as chatops reads them: the fields replies and messages show. GitLab
 * sends more; these name what we rely on.
 */

/** A GitLab user (`GET /users/:id`, an issue's author…). */
export interface ApiUser {
  id: number;
  username: string;
  name: string;
  web_url: string;
  avatar_url?: string | null;
  /** Only in `GET /user`, and only for instance administrators (absent for everyone else). */
  is_admin?: boolean;
}

/** A project's webhook (`GET /projects/:id/hooks`); the secret token is write-only. */
export interface ApiProjectHook {
  id: number;
  url: string;
  /** `executable`, or `temporarily_disabled` / `disabled` after failures (GitLab's auto-disabling). */
  alert_status?: string;
  disabled_until?: string | null;
  push_events?: boolean;
  created_at?: string;
}

/** What chatops sets on a project hook it registers: the URL, the secret token and the event switches. */
export interface ProjectHookInput {
  url: string;
  token: string;
  events: Record<string, boolean>;
}

/** Access levels GitLab grants in a project (Guest 10 … Owner 50). */
export const AccessLevel = { Guest: 10, Reporter: 20, Developer: 30, Maintainer: 40, Owner: 50 } as const;

/** A GitLab project (`GET /projects/:id`), with the caller's own access when GitLab reports it. */
export interface ApiProject {
  id: number;
  name_with_namespace: string;
  path_with_namespace: string;
  web_url: string;
  default_branch?: string | null;
  issues_enabled?: boolean;
  jobs_enabled?: boolean;
  permissions?: {
    project_access?: { access_level: number } | null;
    group_access?: { access_level: number } | null;
  };
}

/** A GitLab issue (`GET /projects/:id/issues/:iid`). */
export interface ApiIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description?: string | null;
  state: 'opened' | 'closed';
  confidential: boolean;
  web_url: string;
  author: { name: string; username?: string; avatar_url?: string | null };
  assignees?: Array<{ name: string }>;
  milestone?: { title: string } | null;
  labels?: string[];
  upvotes?: number;
  downvotes?: number;
  user_notes_count?: number;
  weight?: number | null;
  /** `issue` or `incident` (GitLab's `issue_type`). */
  issue_type?: string;
  created_at?: string;
}

/** A project member (`GET /projects/:id/members/all`). */
export interface ApiMember extends ApiUser {
  access_level: number;
}

/** A project label (`GET /projects/:id/labels`). */
export interface ApiLabel {
  id: number;
  name: string;
}

/** A file template (`GET /projects/:id/templates/issues/:name`). */
export interface ApiTemplate {
  name: string;
  content: string;
}

/** A comment (`POST /projects/:id/issues/:iid/notes`). */
export interface ApiNote {
  id: number;
  body: string;
  author?: ApiUser | null;
}

/** A CI job (`GET /projects/:id/jobs/:job_id`). */
export interface ApiJob {
  id: number;
  name: string;
  status: string;
  web_url: string;
  finished_at?: string | null;
  pipeline?: { id: number };
  user?: { name: string; web_url: string } | null;
}

/** A deployment (`GET /projects/:id/deployments`), with the job that deploys. */
export interface ApiDeployment {
  status: string;
  deployable?: ApiJob | null;
}

/** An environment (`GET /projects/:id/environments/:id`), with its last deployment. */
export interface ApiEnvironment {
  id: number;
  name: string;
  last_deployment?: ApiDeployment | null;
}

/** A pipeline (`GET /projects/:id/pipelines/:id`). */
export interface ApiPipeline {
  id: number;
  yaml_errors?: string | null;
}

/** A commit (`GET /projects/:id/repository/commits/:sha`). */
export interface ApiCommit {
  id: string;
  title: string;
}

/** The caller's highest access to a project, from its `permissions` (0 when GitLab reports none). */
export function accessLevelOf(project: Pick<ApiProject, 'permissions'>): number {
  return Math.max(
    project.permissions?.project_access?.access_level ?? 0,
    project.permissions?.group_access?.access_level ?? 0,
  );
}
