import { type EscalationStatus, type GitLabResourceLink, type IssuableSeverity } from './incident-types.js';

/** GitLab's numeric role levels. */
export const AccessLevel = { Guest: 10, Reporter: 20, Developer: 30, Maintainer: 40, Owner: 50 } as const;

export type UserState = 'active' | 'blocked' | 'deactivated';

export interface GitLabUserInput {
  id: number;
  username: string;
  name: string;
  state?: UserState;
  email?: string;
  isAdmin?: boolean;
  /** Personal access tokens with the `api` scope (see addToken for other scopes). */
  tokens?: string[];
}

export interface GitLabProjectInput {
  id: number;
  path_with_namespace: string;
  name?: string;
  description?: string;
  default_branch?: string;
  visibility?: 'public' | 'internal' | 'private';
  /** userId → access level (10 guest … 50 owner). */
  members?: Record<number, number>;
  archived?: boolean;
  /** Branches besides the default one; each starts at the project's initial commit. */
  branches?: string[];
  /** Jobs a new pipeline gets (default: one `test` job in stage `test`). */
  ciJobs?: GitLabCiJobSpec[];
}

/** One job of a project's CI configuration, as `.gitlab-ci.yml` would declare it. */
export interface GitLabCiJobSpec {
  name: string;
  stage: string;
  /** `manual` jobs start in status `manual` and wait for POST /jobs/:id/play. */
  when?: JobWhen;
  /** `environment:` of a deploy job: the job gets a deployment to it (created like GitLab does). */
  environment?: string;
  /** Default: true for `when: manual`, false otherwise (GitLab's defaults). */
  allowFailure?: boolean;
}

export type JobWhen = 'on_success' | 'manual' | 'delayed';

export interface GitLabOAuthAppInput {
  clientId: string;
  clientSecret: string;
  redirectUri: string | string[];
  /** Scopes the app may request (default: api read_user read_api openid profile email). */
  scopes?: string[];
  /** Public (non-confidential) apps authenticate with client_id alone and rely on PKCE. */
  confidential?: boolean;
}

export interface GitLabUser {
  id: number;
  username: string;
  name: string;
  state: UserState;
  email: string;
  isAdmin: boolean;
  createdAt: string;
}

export interface GitLabProject {
  id: number;
  pathWithNamespace: string;
  name: string;
  description: string;
  defaultBranch: string;
  visibility: 'public' | 'internal' | 'private';
  members: Map<number, number>;
  archived: boolean;
  createdAt: string;
  nextIssueIid: number;
  nextPipelineIid: number;
  /** branch → head sha */
  branches: Map<string, string>;
  ciJobs: GitLabCiJobSpec[];
  nextDeploymentIid: number;
}

export interface GitLabIssue {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string | null;
  state: 'opened' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedById: number | null;
  /** Who last changed the issue (webhooks' `updated_by_id`). */
  updatedById: number | null;
  labels: string[];
  authorId: number;
  assigneeIds: number[];
  confidential: boolean;
  issueType: 'issue' | 'incident' | 'test_case' | 'task';
  dueDate: string | null;
  movedToId: number | null;
  discussionLocked: boolean | null;
  /** Incidents only carry a severity GitLab acts on; others stay `unknown`. */
  severity: IssuableSeverity;
  /** Incidents start `triggered`; other issue types have none. */
  escalationStatus: EscalationStatus | null;
  /** Zoom meetings added with `/zoom` to a plain issue (incidents get a resource link instead). */
  zoomMeetings: string[];
  /** An incident's linked resources (`/link`, `/zoom` on incidents). */
  resourceLinks: GitLabResourceLink[];
}

export interface GitLabNote {
  id: number;
  issueId: number;
  projectId: number;
  body: string;
  authorId: number;
  createdAt: string;
  updatedAt: string;
  system: boolean;
  internal: boolean;
}

export type PipelineStatus =
  | 'created'
  | 'waiting_for_resource'
  | 'preparing'
  | 'pending'
  | 'running'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped'
  | 'manual'
  | 'scheduled';

export interface GitLabPipeline {
  id: number;
  iid: number;
  projectId: number;
  sha: string;
  ref: string;
  status: PipelineStatus;
  source: string;
  userId: number;
  variables: Array<{ key: string; value: string; variable_type: string }>;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  yamlErrors: string | null;
}

export interface GitLabJob {
  id: number;
  pipelineId: number;
  projectId: number;
  name: string;
  stage: string;
  status: PipelineStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  failureReason: string | null;
  trace: string;
  allowFailure: boolean;
  when: JobWhen;
  /** Who the job runs as: the pipeline's user, or whoever played it. */
  userId: number;
}

/** Fields a test may set on a job it adds (see FakeGitLab.addJob). */
export interface GitLabJobInput extends GitLabCiJobSpec {
  status?: PipelineStatus;
  trace?: string;
}

/** A pipeline a test adds directly, without POST /pipeline (no jobs are created). */
export interface GitLabPipelineInput {
  ref?: string;
  /** Default: the head of `ref`. */
  sha?: string;
  status?: PipelineStatus;
  source?: string;
  userId: number;
  variables?: Array<{ key: string; value: string; variable_type?: string }>;
}

export type EnvironmentState = 'available' | 'stopping' | 'stopped';
export type EnvironmentTier = 'production' | 'staging' | 'testing' | 'development' | 'other';

export interface GitLabEnvironmentInput {
  name: string;
  externalUrl?: string;
  /** Default: guessed from the name, as GitLab does. */
  tier?: EnvironmentTier;
  state?: EnvironmentState;
  description?: string;
}

export interface GitLabEnvironment {
  id: number;
  projectId: number;
  name: string;
  slug: string;
  externalUrl: string | null;
  description: string | null;
  state: EnvironmentState;
  tier: EnvironmentTier;
  createdAt: string;
  updatedAt: string;
}

export type DeploymentStatus = 'created' | 'running' | 'success' | 'failed' | 'canceled' | 'skipped' | 'blocked';

export interface GitLabDeploymentInput {
  /** Environment name; created (like GitLab's find_or_create_by_name) when missing. */
  environment: string;
  /** The deploy job (`deployable`); omit for a deployment made through the API. */
  jobId?: number;
  /** Default: follows the job's status (manual → blocked), else `created`. */
  status?: DeploymentStatus;
  /** Default: the job's pipeline ref and sha, else the default branch head. */
  ref?: string;
  sha?: string;
  /** Default: the job's user. */
  userId?: number;
}

export interface GitLabDeployment {
  id: number;
  iid: number;
  projectId: number;
  environmentId: number;
  jobId: number | null;
  ref: string;
  sha: string;
  status: DeploymentStatus;
  userId: number | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface GitLabCommitInput {
  sha?: string;
  title: string;
  message?: string;
  author_name?: string;
  author_email?: string;
  committer_name?: string;
  committer_email?: string;
  /** Branch to move to this commit. */
  branch?: string;
}

export interface GitLabCommit {
  sha: string;
  projectId: number;
  title: string;
  message: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  createdAt: string;
  parentIds: string[];
}

/** One request received under /api/v4 or /oauth. */
export interface GitLabRequest {
  method: string;
  path: string;
  /** Route pattern, e.g. `/api/v4/projects/:id/issues`. */
  route: string;
  query: Record<string, unknown>;
  body: unknown;
  userId: number | undefined;
  at: number;
}
