import type * as GitbeakerRest from '@gitbeaker/rest';
import {
  type ApiCommit,
  type ApiDeployment,
  type ApiEnvironment,
  type ApiIssue,
  type ApiJob,
  type ApiLabel,
  type ApiMember,
  type ApiNote,
  type ApiPipeline,
  type ApiProject,
  type ApiProjectHook,
  type ProjectHookInput,
  type ApiTemplate,
  type ApiUser,
} from './types';
import { gitlabFailureOf } from './api-failure';
import { graphqlRequest } from './gitlab-graphql';

export interface GitLabClientOptions {
  /** The GitLab instance's base URL, e.g. https://gitlab.example.com. */
  url: string;
  /** GitLab answers within seconds; a chat command must answer well inside its reply window. */
  timeoutMs?: number;
}

let gitbeaker: typeof GitbeakerRest | undefined;

/**
 * @gitbeaker/rest, loaded on first use: it is ≈ 3 MB of heap (code and its sources), and a
 * gateway or notifier replica may never call GitLab's REST API (docs/benchmarks.md: idle memory).
 */
function gitbeakerRest(): typeof GitbeakerRest {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is a require in CommonJS
  gitbeaker ??= require('@gitbeaker/rest') as typeof GitbeakerRest;
  return gitbeaker;
}

/**
 * chatops' one way to GitLab's REST API: built once per service from its configuration, then
 * opened per credential. GitLab applies the credential's own permissions to every call, which
 * is how commands act with the linked user's rights.
 */
export class GitLabClient {
  readonly url: string;
  private readonly timeoutMs: number;

  constructor(options: GitLabClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** GitLab as a linked user, with their OAuth access token. */
  asUser(oauthToken: string): GitLabApi {
    const api = new (gitbeakerRest().Gitlab)({
      host: this.url,
      oauthToken,
      queryTimeout: this.timeoutMs,
      ...NO_CLIENT_RATE_LIMITS,
    });
    return new GitLabApi(api, { url: this.url, timeoutMs: this.timeoutMs, authorization: `Bearer ${oauthToken}` });
  }

  /** GitLab with a personal, project or group access token (e.g. a project's read_api token). */
  withToken(token: string): GitLabApi {
    const api = new (gitbeakerRest().Gitlab)({
      host: this.url,
      token,
      queryTimeout: this.timeoutMs,
      ...NO_CLIENT_RATE_LIMITS,
    });
    return new GitLabApi(api, { url: this.url, timeoutMs: this.timeoutMs, privateToken: token });
  }

  /** A user's profile URL, without asking GitLab. */
  profileUrl(username: string): string {
    return `${this.url}/${username}`;
  }
}

/**
 * No client-side rate limits. gitbeaker's defaults build 15 limiters for each of its ~200
 * resources whenever a client is built (about 1.6 MB and 10+ ms of CPU, mostly garbage
 * collection), and match every request against their globs. Our clients are built per
 * credential and live for one job or command, so those limiters never held anything back;
 * GitLab's own limits still answer 429, which gitbeaker retries.
 */
const NO_CLIENT_RATE_LIMITS = { rateLimits: {} };

type ProjectId = number | string;

/**
 * The calls chatops makes, typed as chatops reads them. gitbeaker's response types are wider
 * than what we read (and type some fields, such as an issue's state, as any string): they are
 * narrowed here, in this one place.
 */
export class GitLabApi {
  constructor(
    private readonly api: InstanceType<typeof GitbeakerRest.Gitlab>,
    private readonly graphqlAccess: GraphQLAccess,
  ) {}

  /** A GraphQL query or mutation (where REST lacks the call); GitLab's errors are thrown. */
  graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return graphqlRequest<T>(this.graphqlAccess, query, variables);
  }

  /** The projects the user is a member of with at least `minAccessLevel`, most recently active first. */
  async memberProjects(minAccessLevel: number, limit: number): Promise<ApiProject[]> {
    return narrow<ApiProject[]>(
      await this.api.Projects.all({
        membership: true,
        minAccessLevel: minAccessLevel as never,
        orderBy: 'last_activity_at',
        sort: 'desc',
        pagination: 'offset',
        perPage: limit,
        maxPages: 1,
      }),
    );
  }

  /**
   * Projects matching `search` (name or path), most recently active first. With `minAccessLevel`,
   * only the caller's memberships of at least that level; without, every project the caller can
   * see (all of them, for an instance administrator).
   */
  async searchProjects(search: string, options: { minAccessLevel?: number; limit: number }): Promise<ApiProject[]> {
    return narrow<ApiProject[]>(
      await this.api.Projects.all({
        ...(search === '' ? {} : { search }),
        ...(options.minAccessLevel === undefined
          ? {}
          : { membership: true, minAccessLevel: options.minAccessLevel as never }),
        orderBy: 'last_activity_at',
        sort: 'desc',
        pagination: 'offset',
        perPage: options.limit,
        maxPages: 1,
      }),
    );
  }

  async projectHooks(projectId: ProjectId): Promise<ApiProjectHook[]> {
    return narrow<ApiProjectHook[]>(await this.api.ProjectHooks.all(projectId, { perPage: 100, maxPages: 1 }));
  }

  /** Registers a webhook on the project (Maintainer); `events` are GitLab's `*_events` switches. */
  async addProjectHook(projectId: ProjectId, hook: ProjectHookInput): Promise<ApiProjectHook> {
    const options = { token: hook.token, enable_ssl_verification: true, ...hook.events };
    return narrow<ApiProjectHook>(await this.api.ProjectHooks.add(projectId, hook.url, options as never));
  }

  async editProjectHook(projectId: ProjectId, hookId: number, hook: ProjectHookInput): Promise<ApiProjectHook> {
    const options = { token: hook.token, enable_ssl_verification: true, ...hook.events };
    return narrow<ApiProjectHook>(await this.api.ProjectHooks.edit(projectId, hookId, hook.url, options as never));
  }

  /** A project's issue template (`.gitlab/issue_templates/<name>.md`), or null when it has none. */
  async issueTemplate(projectId: ProjectId, name: string): Promise<string | null> {
    try {
      return narrow<ApiTemplate>(await this.api.ProjectTemplates.show(projectId, 'issues', name)).content;
    } catch (error) {
      if (gitlabFailureOf(error).status === 404) return null;
      throw error;
    }
  }

  /** A project's members, inherited ones included, matching `query` (name or username). */
  async projectMembers(projectId: ProjectId, query: string, limit: number): Promise<ApiMember[]> {
    return narrow<ApiMember[]>(
      await this.api.ProjectMembers.all(projectId, {
        includeInherited: true,
        ...(query ? { query } : {}),
        perPage: limit,
        maxPages: 1,
      }),
    );
  }

  /** A user's membership of a project (inherited included), or null when they are not a member. */
  async projectMember(projectId: ProjectId, userId: number): Promise<ApiMember | null> {
    try {
      return narrow<ApiMember>(await this.api.ProjectMembers.show(projectId, userId, { includeInherited: true }));
    } catch (error) {
      if (gitlabFailureOf(error).status === 404) return null;
      throw error;
    }
  }

  /** A project's labels (with its groups'), matching `search`. */
  async projectLabels(projectId: ProjectId, search: string, limit: number): Promise<ApiLabel[]> {
    return narrow<ApiLabel[]>(
      await this.api.ProjectLabels.all(projectId, { ...(search ? { search } : {}), perPage: limit, maxPages: 1 }),
    );
  }

  /** Creates an incident (an issue of type incident); quick actions in the description are GitLab's to apply. */
  async createIncident(projectId: ProjectId, incident: IncidentInput): Promise<ApiIssue> {
    return narrow<ApiIssue>(
      await this.api.Issues.create(projectId, incident.title, {
        issueType: 'incident',
        description: incident.description,
        confidential: incident.confidential,
        ...(incident.assigneeIds.length > 0 ? { assigneeIds: incident.assigneeIds } : {}),
        ...(incident.labels.length > 0 ? { labels: incident.labels.join(',') } : {}),
      }),
    );
  }

  /** The incidents of a project, open ones, newest first. */
  async openIncidents(projectId: ProjectId, limit: number): Promise<ApiIssue[]> {
    return narrow<ApiIssue[]>(
      await this.api.Issues.all({
        projectId,
        issueType: 'incident',
        state: 'opened',
        orderBy: 'created_at',
        sort: 'desc',
        perPage: limit,
        maxPages: 1,
      } as never),
    );
  }

  /**
   * Adds an event to an incident's timeline (GraphQL only: REST has no timeline). `incidentId` is
   * the issue's global id number (`gid://gitlab/Issue/<id>`). Resolves with GitLab's validation
   * errors ("Timeline text is too long …"), empty when the event was created; an incident the user
   * may not see or change throws, as every GraphQL denial does.
   */
  async createTimelineEvent(incidentId: number, note: string, occurredAt: Date): Promise<string[]> {
    const result = await this.graphql<{ timelineEventCreate: { errors: string[] } | null }>(CREATE_TIMELINE_EVENT, {
      incidentId: `gid://gitlab/Issue/${incidentId}`,
      note,
      occurredAt: occurredAt.toISOString(),
    });
    return result.timelineEventCreate?.errors ?? [];
  }

  async currentUser(): Promise<ApiUser> {
    return narrow<ApiUser>(await this.api.Users.showCurrentUser());
  }

  async user(id: number): Promise<ApiUser> {
    return narrow<ApiUser>(await this.api.Users.show(id));
  }

  async project(id: ProjectId): Promise<ApiProject> {
    return narrow<ApiProject>(await this.api.Projects.show(id));
  }

  async issue(projectId: ProjectId, iid: number): Promise<ApiIssue> {
    return narrow<ApiIssue>(await this.api.Issues.show(iid, { projectId }));
  }

  async createIssue(projectId: ProjectId, title: string, options: { description?: string } = {}): Promise<ApiIssue> {
    return narrow<ApiIssue>(await this.api.Issues.create(projectId, title, options));
  }

  /** Issues matching `query` in title or description, newest first, at most `limit`. */
  async searchIssues(projectId: ProjectId, query: string, limit: number): Promise<ApiIssue[]> {
    return narrow<ApiIssue[]>(await this.api.Issues.all({ projectId, search: query, perPage: limit, maxPages: 1 }));
  }

  async closeIssue(projectId: ProjectId, iid: number): Promise<ApiIssue> {
    return narrow<ApiIssue>(await this.api.Issues.edit(projectId, iid, { stateEvent: 'close' }));
  }

  async moveIssue(projectId: ProjectId, iid: number, toProjectId: number): Promise<ApiIssue> {
    return narrow<ApiIssue>(await this.api.Issues.move(projectId, iid, toProjectId));
  }

  async createIssueNote(projectId: ProjectId, iid: number, body: string): Promise<ApiNote> {
    return narrow<ApiNote>(await this.api.IssueNotes.create(projectId, iid, body));
  }

  async environmentsNamed(projectId: ProjectId, name: string): Promise<ApiEnvironment[]> {
    return narrow<ApiEnvironment[]>(await this.api.Environments.all(projectId, { name }));
  }

  async environment(projectId: ProjectId, environmentId: number): Promise<ApiEnvironment> {
    return narrow<ApiEnvironment>(await this.api.Environments.show(projectId, environmentId));
  }

  /** The newest deployments to one environment (at most 100). */
  async recentDeployments(projectId: ProjectId, environment: string): Promise<ApiDeployment[]> {
    return narrow<ApiDeployment[]>(
      await this.api.Deployments.all(projectId, {
        environment,
        orderBy: 'id',
        sort: 'desc',
        perPage: 100,
        maxPages: 1,
      }),
    );
  }

  async playJob(projectId: ProjectId, jobId: number): Promise<ApiJob> {
    return narrow<ApiJob>(await this.api.Jobs.play(projectId, jobId));
  }

  async job(projectId: ProjectId, jobId: number): Promise<ApiJob> {
    return narrow<ApiJob>(await this.api.Jobs.show(projectId, jobId));
  }

  async jobLog(projectId: ProjectId, jobId: number): Promise<string> {
    return String(await this.api.Jobs.showLog(projectId, jobId));
  }

  /** The jobs of one pipeline (at most 100). */
  async pipelineJobs(projectId: ProjectId, pipelineId: number): Promise<ApiJob[]> {
    return narrow<ApiJob[]>(await this.api.Jobs.all(projectId, { pipelineId, perPage: 100, maxPages: 1 }));
  }

  async createPipeline(
    projectId: ProjectId,
    ref: string,
    variables: Array<{ key: string; value: string }>,
  ): Promise<ApiPipeline> {
    return narrow<ApiPipeline>(await this.api.Pipelines.create(projectId, ref, { variables }));
  }

  async cancelPipeline(projectId: ProjectId, pipelineId: number): Promise<void> {
    await this.api.Pipelines.cancel(projectId, pipelineId);
  }

  async pipeline(projectId: ProjectId, pipelineId: number): Promise<ApiPipeline> {
    return narrow<ApiPipeline>(await this.api.Pipelines.show(projectId, pipelineId));
  }

  async commit(projectId: ProjectId, sha: string): Promise<ApiCommit> {
    return narrow<ApiCommit>(await this.api.Commits.show(projectId, sha));
  }
}

export interface IncidentInput {
  title: string;
  description: string;
  confidential: boolean;
  assigneeIds: number[];
  /** Label names. */
  labels: string[];
}

/** How GraphQL calls authenticate: the same credential as the REST client. */
export interface GraphQLAccess {
  url: string;
  timeoutMs: number;
  authorization?: string;
  privateToken?: string;
}

const CREATE_TIMELINE_EVENT = `mutation($incidentId: IssueID!, $note: String!, $occurredAt: Time!) {
  timelineEventCreate(input: { incidentId: $incidentId, note: $note, occurredAt: $occurredAt }) { errors }
}`;

/** A gitbeaker response read as the fields we use (see the class comment). */
function narrow<T>(value: unknown): T {
  return value as T;
}
