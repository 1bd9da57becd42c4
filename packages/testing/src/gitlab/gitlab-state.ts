import { randomHex } from '../shared/ids.js';
import {
  type GitLabCommit,
  type GitLabCommitInput,
  type GitLabIssue,
  type GitLabJob,
  type GitLabNote,
  type GitLabPipeline,
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

/** Users, tokens, projects and their issues, notes, commits, pipelines and jobs. */
export class GitLabState {
  readonly users = new Map<number, GitLabUser>();
  readonly tokens = new Map<string, AccessToken>();
  readonly projects = new Map<number, GitLabProject>();
  readonly issues = new Map<number, GitLabIssue>();
  readonly notes = new Map<number, GitLabNote>();
  readonly pipelines = new Map<number, GitLabPipeline>();
  readonly jobs = new Map<number, GitLabJob>();
  /** By `${projectId}:${sha}`. */
  readonly commits = new Map<string, GitLabCommit>();
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

  addToken(userId: number, token: string, options: { scopes?: string[]; expiresAt?: number; kind?: AccessToken['kind'] } = {}): AccessToken {
    if (!this.users.has(userId)) throw new Error(`unknown GitLab user ${userId}`);
    const entry: AccessToken = { token, userId, scopes: new Set(options.scopes ?? ['api']), kind: options.kind ?? 'personal', expiresAt: options.expiresAt, revoked: false };
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
    for (const project of this.projects.values()) if (project.pathWithNamespace.toLowerCase() === wanted) return project;
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

  issue(projectId: number, iid: number): GitLabIssue | undefined {
    const id = this.issueByIid.get(`${projectId}:${iid}`);
    return id === undefined ? undefined : this.issues.get(id);
  }

  addNote(issue: GitLabIssue, authorId: number, body: string, options: { system?: boolean; internal?: boolean } = {}): GitLabNote {
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
    for (const commit of this.commits.values()) if (commit.projectId === projectId && commit.sha.startsWith(ref)) return commit;
    return undefined;
  }

  addJob(pipeline: GitLabPipeline, fields: { name: string; stage: string; status?: GitLabJob['status']; trace?: string; allowFailure?: boolean }): GitLabJob {
    const job: GitLabJob = {
      id: this.nextId(),
      pipelineId: pipeline.id,
      projectId: pipeline.projectId,
      name: fields.name,
      stage: fields.stage,
      status: fields.status ?? 'created',
      createdAt: this.iso(),
      startedAt: null,
      finishedAt: null,
      failureReason: null,
      trace: fields.trace ?? '',
      allowFailure: fields.allowFailure ?? false,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  clear(): void {
    for (const map of [this.users, this.tokens, this.projects, this.issues, this.notes, this.pipelines, this.jobs, this.commits, this.issueByIid]) map.clear();
    this.sequence = 1000;
  }
}
