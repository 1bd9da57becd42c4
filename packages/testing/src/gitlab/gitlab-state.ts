import { randomHex } from '../shared/ids.js';
import { applyCiStatus } from './ci-status.js';
import {
  type GitLabAlert,
  type GitLabLabel,
  type GitLabLabelInput,
  type GitLabProjectHook,
  type GitLabTimelineEvent,
} from './incident-types.js';
import {
  type GitLabCommit,
  type GitLabCommitInput,
  type GitLabDeployment,
  type GitLabEnvironment,
  type GitLabIssue,
  type GitLabJob,
  type GitLabJobInput,
  type GitLabNote,
  type GitLabPipeline,
  type GitLabPipelineInput,
  type GitLabProject,
  type GitLabProjectInput,
  type GitLabUser,
  type GitLabUserInput,
} from './types.js';

/** A personal access token or an OAuth access token: both act as `userId` within `scopes`. */
export interface AccessToken {
  token: string;
  userId: number;
  scopes: Set<string>;
  kind: 'personal' | 'oauth';
  /** ms since epoch; undefined never expires. */
  expiresAt: number | undefined;
  revoked: boolean;
}

const DEFAULT_CI_JOBS = [{ name: 'test', stage: 'test' }];

/** Users, tokens, projects and their issues, notes, commits, pipelines, jobs, environments and deployments. */
export class GitLabState {
  readonly users = new Map<number, GitLabUser>();
  readonly tokens = new Map<string, AccessToken>();
  readonly projects = new Map<number, GitLabProject>();
  readonly issues = new Map<number, GitLabIssue>();
  readonly notes = new Map<number, GitLabNote>();
  readonly pipelines = new Map<number, GitLabPipeline>();
  readonly jobs = new Map<number, GitLabJob>();
  readonly environments = new Map<number, GitLabEnvironment>();
  readonly deployments = new Map<number, GitLabDeployment>();
  /** By `${projectId}:${sha}`. */
  readonly commits = new Map<string, GitLabCommit>();
  readonly labels = new Map<number, GitLabLabel>();
  /** Repository files of the default branch by `${projectId}:${path}` (issue templates live here). */
  readonly files = new Map<string, string>();
  readonly alerts = new Map<number, GitLabAlert>();
  readonly timelineEvents = new Map<number, GitLabTimelineEvent>();
  readonly hooks = new Map<number, GitLabProjectHook>();
  private readonly issueByIid = new Map<string, number>();
  private sequence = 1000;

  constructor(readonly now: () => number) {}

  /** GitLab serializes times as ISO 8601 with milliseconds, in UTC. */
  iso(): string {
    return new Date(this.now()).toISOString();
  }

  nextId(): number {
    this.sequence += 1;
    return this.sequence;
  }

  addUser(input: GitLabUserInput): GitLabUser {
    const user: GitLabUser = {
      id: input.id,
      username: input.username,
      name: input.name,
      state: input.state ?? 'active',
      email: input.email ?? `${input.username}@example.com`,
      isAdmin: input.isAdmin ?? false,
      createdAt: this.iso(),
    };
    this.users.set(user.id, user);
    for (const token of input.tokens ?? []) this.addToken(user.id, token);
    return user;
  }

  addToken(
    userId: number,
    token: string,
    options: { scopes?: string[]; expiresAt?: number; kind?: AccessToken['kind'] } = {},
  ): AccessToken {
    if (!this.users.has(userId)) throw new Error(`unknown GitLab user ${userId}`);
    const entry: AccessToken = {
      token,
      userId,
      scopes: new Set(options.scopes ?? ['api']),
      kind: options.kind ?? 'personal',
      expiresAt: options.expiresAt,
      revoked: false,
    };
    this.tokens.set(token, entry);
    return entry;
  }

  addProject(input: GitLabProjectInput): GitLabProject {
    const path = input.path_with_namespace;
    const project: GitLabProject = {
      id: input.id,
      pathWithNamespace: path,
      name: input.name ?? path.split('/').pop() ?? path,
      description: input.description ?? '',
      defaultBranch: input.default_branch ?? 'main',
      visibility: input.visibility ?? 'private',
      members: new Map(Object.entries(input.members ?? {}).map(([userId, level]) => [Number(userId), level])),
      archived: input.archived ?? false,
      createdAt: this.iso(),
      nextIssueIid: 1,
      nextPipelineIid: 1,
      branches: new Map(),
      ciJobs: input.ciJobs ?? DEFAULT_CI_JOBS,
      nextDeploymentIid: 1,
    };
    this.projects.set(project.id, project);
    // Every project starts with one commit that all its branches point to, so pipelines have a sha.
    const initial = this.addCommit(project.id, { title: 'Initial commit', branch: project.defaultBranch });
    for (const branch of input.branches ?? []) project.branches.set(branch, initial.sha);
    return project;
  }

  /** By numeric id or full path (what `:id` holds once URL-decoded), case-insensitive like GitLab routes. */
  findProject(ref: string): GitLabProject | undefined {
    if (/^\d+$/.test(ref)) return this.projects.get(Number(ref));
    const wanted = ref.toLowerCase();
    for (const project of this.projects.values())
      if (project.pathWithNamespace.toLowerCase() === wanted) return project;
    return undefined;
  }

  project(id: number): GitLabProject {
    const project = this.projects.get(id);
    if (project === undefined) throw new Error(`unknown GitLab project ${id}`);
    return project;
  }

  addIssue(project: GitLabProject, fields: Omit<GitLabIssue, 'id' | 'iid' | 'projectId'>): GitLabIssue {
    const issue: GitLabIssue = { id: this.nextId(), iid: project.nextIssueIid, projectId: project.id, ...fields };
    project.nextIssueIid += 1;
    this.issues.set(issue.id, issue);
    this.issueByIid.set(`${project.id}:${issue.iid}`, issue.id);
    return issue;
  }

  /** A project label by name (case-insensitive like GitLab's finders), or undefined. */
  findLabel(projectId: number, name: string): GitLabLabel | undefined {
    const wanted = name.toLowerCase();
    for (const label of this.labels.values())
      if (label.projectId === projectId && label.name.toLowerCase() === wanted) return label;
    return undefined;
  }

  /** Labels named on an issue through the API are created when missing (Labels::FindOrCreateService). */
  findOrCreateLabel(projectId: number, input: GitLabLabelInput): GitLabLabel {
    const existing = this.findLabel(projectId, input.name);
    if (existing !== undefined) return existing;
    const label: GitLabLabel = {
      id: this.nextId(),
      projectId,
      name: input.name,
      color: input.color ?? '#6699cc',
      description: input.description ?? null,
      createdAt: this.iso(),
    };
    this.labels.set(label.id, label);
    return label;
  }

  issue(projectId: number, iid: number): GitLabIssue | undefined {
    const id = this.issueByIid.get(`${projectId}:${iid}`);
    return id === undefined ? undefined : this.issues.get(id);
  }

  addNote(
    issue: GitLabIssue,
    authorId: number,
    body: string,
    options: { system?: boolean; internal?: boolean } = {},
  ): GitLabNote {
    const at = this.iso();
    const note: GitLabNote = {
      id: this.nextId(),
      issueId: issue.id,
      projectId: issue.projectId,
      body,
      authorId,
      createdAt: at,
      updatedAt: at,
      system: options.system ?? false,
      internal: options.internal ?? false,
    };
    this.notes.set(note.id, note);
    return note;
  }

  addCommit(projectId: number, input: GitLabCommitInput): GitLabCommit {
    const project = this.project(projectId);
    const branch = input.branch ?? project.defaultBranch;
    const parent = project.branches.get(branch);
    const commit: GitLabCommit = {
      sha: input.sha ?? randomHex(20),
      projectId,
      title: input.title,
      message: input.message ?? `${input.title}\n`,
      authorName: input.author_name ?? 'Fake Author',
      authorEmail: input.author_email ?? 'author@example.com',
      committerName: input.committer_name ?? input.author_name ?? 'Fake Author',
      committerEmail: input.committer_email ?? input.author_email ?? 'author@example.com',
      createdAt: this.iso(),
      parentIds: parent === undefined ? [] : [parent],
    };
    this.commits.set(`${projectId}:${commit.sha}`, commit);
    project.branches.set(branch, commit.sha);
    return commit;
  }

  /** A commit by sha, short sha (≥7 chars) or branch name. */
  findCommit(projectId: number, ref: string): GitLabCommit | undefined {
    const branchHead = this.projects.get(projectId)?.branches.get(ref);
    if (branchHead !== undefined) return this.commits.get(`${projectId}:${branchHead}`);
    const exact = this.commits.get(`${projectId}:${ref}`);
    if (exact !== undefined || ref.length < 7) return exact;
    for (const commit of this.commits.values())
      if (commit.projectId === projectId && commit.sha.startsWith(ref)) return commit;
    return undefined;
  }

  addPipeline(project: GitLabProject, input: GitLabPipelineInput): GitLabPipeline {
    const ref = input.ref ?? project.defaultBranch;
    const sha = input.sha ?? project.branches.get(ref);
    if (sha === undefined) throw new Error(`unknown ref ${ref} in project ${project.id}`);
    const now = this.iso();
    const pipeline: GitLabPipeline = {
      id: this.nextId(),
      iid: project.nextPipelineIid,
      projectId: project.id,
      sha,
      ref,
      status: input.status ?? 'created',
      source: input.source ?? 'api',
      userId: input.userId,
      variables: (input.variables ?? []).map((v) => ({
        key: v.key,
        value: v.value,
        variable_type: v.variable_type ?? 'env_var',
      })),
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
      yamlErrors: null,
    };
    applyCiStatus(pipeline, pipeline.status, now);
    project.nextPipelineIid += 1;
    this.pipelines.set(pipeline.id, pipeline);
    return pipeline;
  }

  /** A job without side effects; deploy jobs go through addCiJob (deployments.ts) to get their deployment. */
  addJob(pipeline: GitLabPipeline, fields: Omit<GitLabJobInput, 'environment'>): GitLabJob {
    // A job added straight in status manual/scheduled is a manual/delayed action, as only those can be.
    const when =
      fields.when ?? (fields.status === 'manual' ? 'manual' : fields.status === 'scheduled' ? 'delayed' : 'on_success');
    const job: GitLabJob = {
      id: this.nextId(),
      pipelineId: pipeline.id,
      projectId: pipeline.projectId,
      name: fields.name,
      stage: fields.stage,
      status: fields.status ?? (when === 'manual' ? 'manual' : 'created'),
      createdAt: this.iso(),
      startedAt: null,
      finishedAt: null,
      failureReason: null,
      trace: fields.trace ?? '',
      allowFailure: fields.allowFailure ?? when === 'manual',
      when,
      userId: pipeline.userId,
    };
    // A job added in a running or finished state gets the times a runner would have stamped.
    applyCiStatus(job, job.status, job.createdAt);
    this.jobs.set(job.id, job);
    return job;
  }

  clear(): void {
    for (const map of [
      this.users,
      this.tokens,
      this.projects,
      this.issues,
      this.notes,
      this.pipelines,
      this.jobs,
      this.environments,
      this.deployments,
      this.commits,
      this.issueByIid,
      this.labels,
      this.files,
      this.alerts,
      this.timelineEvents,
      this.hooks,
    ])
      map.clear();
    this.sequence = 1000;
  }
}
