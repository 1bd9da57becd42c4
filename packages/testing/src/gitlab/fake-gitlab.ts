import { type FastifyInstance } from 'fastify';
import { CallLog } from '../shared/call-log.js';
import { FakeHttpServer, type FakeServerOptions } from '../shared/fake-http-server.js';
import { FaultPlan, type FaultSpec } from '../shared/faults.js';
import { applyCiStatus } from './ci-status.js';
import { addCiJob, addDeployment, syncDeploymentWithJob } from './deployments.js';
import { addEnvironment } from './environments.js';
import { GitLabState } from './gitlab-state.js';
import { HookDispatcher } from './hooks/hook-dispatcher.js';
import { registerGitLabHooks } from './http-hooks.js';
import {
  type GitLabAlert,
  type GitLabAlertInput,
  type GitLabHookDelivery,
  type GitLabLabel,
  type GitLabLabelInput,
  type GitLabProjectHook,
  type GitLabTimelineEvent,
  HOOK_EVENT_FLAGS,
  type HookEventFlag,
} from './incident-types.js';
import { OAuthStore } from './oauth-store.js';
import { registerDeploymentRoutes } from './routes/deployments.js';
import { registerEnvironmentRoutes } from './routes/environments.js';
import { registerGlobalIssueRoutes } from './routes/global-issues.js';
import { registerGraphQLRoutes } from './routes/graphql.js';
import { registerIssueNoteAndMoveRoutes } from './routes/issue-notes-move.js';
import { registerIssueRoutes } from './routes/issues.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerMemberAndLabelRoutes } from './routes/members-labels.js';
import { registerOAuthRoutes } from './routes/oauth.js';
import { registerPipelineRoutes } from './routes/pipelines.js';
import { registerProjectHookRoutes } from './routes/project-hooks.js';
import { registerProjectAndUserRoutes } from './routes/projects-users.js';
import { registerTemplateAndFileRoutes } from './routes/templates-files.js';
import {
  type GitLabCommit,
  type GitLabCommitInput,
  type GitLabDeployment,
  type GitLabDeploymentInput,
  type GitLabEnvironment,
  type GitLabEnvironmentInput,
  type GitLabIssue,
  type GitLabJob,
  type GitLabJobInput,
  type GitLabNote,
  type GitLabOAuthAppInput,
  type GitLabPipeline,
  type GitLabPipelineInput,
  type GitLabProjectInput,
  type GitLabRequest,
  type GitLabUserInput,
  type PipelineStatus,
} from './types.js';

/**
 * A local GitLab: the REST API v4 subset chatops uses (projects, issues and incidents, notes,
 * members, labels, templates, files, hooks, pipelines, jobs, environments, deployments, commits,
 * users), a GraphQL subset for incident management, OAuth 2 (authorization code + PKCE, refresh)
 * and outgoing project webhooks, all in memory.
 */
export class FakeGitLab extends FakeHttpServer {
  private readonly state: GitLabState;
  private readonly oauth = new OAuthStore();
  private readonly requestLog: CallLog<GitLabRequest>;
  private readonly faults = new FaultPlan();
  private readonly webhooks: HookDispatcher;

  constructor(options: FakeServerOptions = {}) {
    super(options);
    this.state = new GitLabState(this.now);
    this.requestLog = new CallLog(this.recordCalls);
    this.webhooks = new HookDispatcher(this.state, () => this.url);
  }

  /** Requests received under /api/v4 and /oauth, in order (empty with `recordCalls: false`). */
  get requests(): readonly GitLabRequest[] {
    return this.requestLog.entries;
  }

  /** Requests per "<METHOD> <route>", e.g. `requestCount('POST /api/v4/projects/:id/issues')`. */
  requestCount(route?: string): number {
    return this.requestLog.count(route);
  }

  addUser(user: GitLabUserInput): void {
    this.state.addUser(user);
  }

  /** A personal access token with chosen scopes (default `api`) and optional expiry (ms since epoch). */
  addToken(userId: number, token: string, options: { scopes?: string[]; expiresAt?: number } = {}): void {
    this.state.addToken(userId, token, options);
  }

  setUserState(userId: number, state: 'active' | 'blocked' | 'deactivated'): void {
    const user = this.state.users.get(userId);
    if (user === undefined) throw new Error(`unknown GitLab user ${userId}`);
    user.state = state;
  }

  addProject(project: GitLabProjectInput): void {
    this.state.addProject(project);
  }

  /** Sets (or, with level 0, removes) a member's role. */
  setMember(projectId: number, userId: number, accessLevel: number): void {
    const members = this.state.project(projectId).members;
    if (accessLevel > 0) members.set(userId, accessLevel);
    else members.delete(userId);
  }

  /** Adds a commit (moving `branch`, default the default branch, to it). */
  addCommit(projectId: number, commit: GitLabCommitInput): GitLabCommit {
    return this.state.addCommit(projectId, commit);
  }

  addOAuthApplication(app: GitLabOAuthAppInput): void {
    this.oauth.addApp(app);
  }

  /** The user /oauth/authorize treats as signed in and consenting; null means nobody (redirect to sign-in). */
  setBrowserUser(userId: number | null): void {
    this.oauth.browserUserId = userId ?? undefined;
  }

  /** Makes an access token (OAuth or personal) expire now: the API then answers 401 invalid_token. */
  expireAccessToken(token: string): void {
    const entry = this.state.tokens.get(token);
    if (entry === undefined) throw new Error('unknown GitLab token');
    entry.expiresAt = this.now() - 1;
  }

  revokeToken(token: string): void {
    const entry = this.state.tokens.get(token);
    if (entry === undefined) throw new Error('unknown GitLab token');
    entry.revoked = true;
  }

  issues(projectId?: number): GitLabIssue[] {
    return [...this.state.issues.values()].filter((issue) => projectId === undefined || issue.projectId === projectId);
  }

  /** Locks (or unlocks) an issue's discussion: only project members may comment then. */
  lockIssue(projectId: number, issueIid: number, locked = true): void {
    const issue = this.state.issue(projectId, issueIid);
    if (issue === undefined) throw new Error(`unknown issue ${projectId}#${issueIid}`);
    issue.discussionLocked = locked;
  }

  /** Notes of one issue in creation order, system notes included. */
  notes(projectId: number, issueIid: number): GitLabNote[] {
    const issue = this.state.issue(projectId, issueIid);
    return issue === undefined ? [] : [...this.state.notes.values()].filter((note) => note.issueId === issue.id);
  }

  pipelines(projectId?: number): GitLabPipeline[] {
    return [...this.state.pipelines.values()].filter((p) => projectId === undefined || p.projectId === projectId);
  }

  /** A pipeline as if pushed or scheduled: no jobs (add them with addJob), `ref` defaults to the default branch. */
  addPipeline(projectId: number, pipeline: GitLabPipelineInput): GitLabPipeline {
    return this.state.addPipeline(this.state.project(projectId), pipeline);
  }

  jobs(pipelineId: number): GitLabJob[] {
    return [...this.state.jobs.values()].filter((job) => job.pipelineId === pipelineId);
  }

  job(jobId: number): GitLabJob {
    const job = this.state.jobs.get(jobId);
    if (job === undefined) throw new Error(`unknown job ${jobId}`);
    return job;
  }

  /** Moves a pipeline to a status, stamping started/finished times like a runner would. */
  setPipelineStatus(pipelineId: number, status: PipelineStatus, options: { yamlErrors?: string } = {}): void {
    const pipeline = this.state.pipelines.get(pipelineId);
    if (pipeline === undefined) throw new Error(`unknown pipeline ${pipelineId}`);
    const now = this.state.iso();
    applyCiStatus(pipeline, status, now);
    pipeline.updatedAt = now;
    if (options.yamlErrors !== undefined) pipeline.yamlErrors = options.yamlErrors;
  }

  /**
   * Adds a job. `when: 'manual'` (or status `manual`) makes a playable manual action; `environment`
   * makes it a deploy job with its deployment, whose status follows the job's (manual → blocked).
   */
  addJob(pipelineId: number, job: GitLabJobInput): GitLabJob {
    const pipeline = this.state.pipelines.get(pipelineId);
    if (pipeline === undefined) throw new Error(`unknown pipeline ${pipelineId}`);
    return addCiJob(this.state, pipeline, job);
  }

  /** Moves a job to a status like a runner would; its deployment follows as in GitLab (running, success, …). */
  setJobStatus(jobId: number, status: PipelineStatus, options: { failureReason?: string } = {}): void {
    const job = this.job(jobId);
    applyCiStatus(job, status, this.state.iso());
    job.failureReason = status === 'failed' ? (options.failureReason ?? 'script_failure') : null;
    syncDeploymentWithJob(this.state, job);
  }

  /** The raw log; see gitlabTrace() for one with the section markers runners write. */
  setJobTrace(jobId: number, trace: string): void {
    this.job(jobId).trace = trace;
  }

  addEnvironment(projectId: number, environment: GitLabEnvironmentInput): GitLabEnvironment {
    return addEnvironment(this.state, this.state.project(projectId), environment);
  }

  environments(projectId: number): GitLabEnvironment[] {
    return [...this.state.environments.values()].filter((env) => env.projectId === projectId);
  }

  /** Records a deployment (creating its environment if needed); with `jobId` it follows that job's status changes. */
  addDeployment(projectId: number, deployment: GitLabDeploymentInput): GitLabDeployment {
    return addDeployment(this.state, this.state.project(projectId), deployment);
  }

  deployments(projectId: number): GitLabDeployment[] {
    return [...this.state.deployments.values()].filter((d) => d.projectId === projectId);
  }

  /**
   * Makes the next `times` requests to a route fail: "<METHOD> <route>" as registered (e.g.
   * `POST /api/v4/projects/:id/issues`), a concrete path, or "*". Default HTTP 500 with
   * `{"message": error ?? "<status> <reason>"}`; with `retryAfterSeconds`, 429 + Retry-After.
   */
  failNext(route: string, times = 1, fault: FaultSpec = {}): void {
    this.faults.add(route, times, fault);
  }

  /** One issue (or incident) as stored: severity, escalation status, Zoom meetings and resource links included. */
  issue(projectId: number, issueIid: number): GitLabIssue {
    const issue = this.state.issue(projectId, issueIid);
    if (issue === undefined) throw new Error(`unknown issue ${projectId}#${issueIid}`);
    return issue;
  }

  /** Zoom links added with `/zoom`: a plain issue's Zoom meeting, or an incident's Zoom resource links. */
  zoomLinks(projectId: number, issueIid: number): string[] {
    const issue = this.issue(projectId, issueIid);
    return [...issue.zoomMeetings, ...issue.resourceLinks.filter((l) => l.linkType === 'zoom').map((l) => l.link)];
  }

  /** Timeline events of an incident, ordered by occurrence (GitLab's order). */
  timelineEvents(projectId: number, issueIid: number): GitLabTimelineEvent[] {
    const issue = this.issue(projectId, issueIid);
    return [...this.state.timelineEvents.values()]
      .filter((event) => event.issueId === issue.id)
      .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id - b.id));
  }

  /** A project label (existing names are returned as they are). Labels make `/label` available. */
  addLabel(projectId: number, label: GitLabLabelInput): GitLabLabel {
    this.state.project(projectId);
    return this.state.findOrCreateLabel(projectId, label);
  }

  labels(projectId: number): GitLabLabel[] {
    return [...this.state.labels.values()].filter((label) => label.projectId === projectId);
  }

  /** A file on the default branch (served by the repository files API). */
  setRepositoryFile(projectId: number, path: string, content: string): void {
    this.state.project(projectId);
    this.state.files.set(`${projectId}:${path}`, content);
  }

  /** An issue description template: `.gitlab/issue_templates/<name>.md`, as the templates API lists it. */
  setIssueTemplate(projectId: number, name: string, content: string): void {
    this.setRepositoryFile(projectId, `.gitlab/issue_templates/${name}.md`, content);
  }

  /** An alert raised by a monitoring integration; the GraphQL `alertManagementAlerts` list shows it. */
  addAlert(projectId: number, input: GitLabAlertInput): GitLabAlert {
    const project = this.state.project(projectId);
    const now = this.state.iso();
    const iid = [...this.state.alerts.values()].filter((a) => a.projectId === projectId).length + 1;
    let base = '';
    try {
      base = this.url;
    } catch {
      // Not started yet: the URL is relative until then.
    }
    const alert: GitLabAlert = {
      id: this.state.nextId(),
      iid,
      projectId,
      title: input.title,
      description: input.description ?? null,
      severity: input.severity ?? 'critical',
      status: input.status ?? 'triggered',
      startedAt: input.startedAt ?? now,
      createdAt: now,
      updatedAt: now,
      eventCount: input.eventCount ?? 1,
      service: input.service ?? null,
      monitoringTool: input.monitoringTool ?? null,
      webUrl: `${base}/${project.pathWithNamespace}/-/alert_management/${iid}/details`,
    };
    this.state.alerts.set(alert.id, alert);
    return alert;
  }

  alerts(projectId: number): GitLabAlert[] {
    return [...this.state.alerts.values()].filter((alert) => alert.projectId === projectId);
  }

  /**
   * A project hook, as POST /projects/:id/hooks would add it (default events: push only, like
   * GitLab). The fake POSTs matching issue and note events to `url`.
   */
  addHook(
    projectId: number,
    hook: { url: string; token?: string; events?: Partial<Record<HookEventFlag, boolean>> },
  ): GitLabProjectHook {
    this.state.project(projectId);
    const events = Object.fromEntries(
      HOOK_EVENT_FLAGS.map((flag) => [flag, hook.events?.[flag] ?? flag === 'push_events']),
    ) as Record<HookEventFlag, boolean>;
    const stored: GitLabProjectHook = {
      id: this.state.nextId(),
      projectId,
      url: hook.url,
      name: '',
      description: '',
      token: hook.token ?? null,
      events,
      enableSslVerification: true,
      pushEventsBranchFilter: null,
      createdAt: this.state.iso(),
    };
    this.state.hooks.set(stored.id, stored);
    return stored;
  }

  hooks(projectId?: number): GitLabProjectHook[] {
    return [...this.state.hooks.values()].filter((hook) => projectId === undefined || hook.projectId === projectId);
  }

  /** Webhook POSTs made so far (including ones still waiting for an answer), in order. */
  hookDeliveries(): GitLabHookDelivery[] {
    return [...this.webhooks.deliveries];
  }

  /** Waits until every webhook POST started so far has been answered or has failed. */
  settleHooks(): Promise<void> {
    return this.webhooks.settle();
  }

  protected registerRoutes(app: FastifyInstance): void {
    registerGitLabHooks(app, { state: this.state, requestLog: this.requestLog, faults: this.faults });
    const deps = { state: this.state, baseUrl: () => this.url, hooks: this.webhooks };
    registerProjectAndUserRoutes(app, deps);
    registerGlobalIssueRoutes(app, deps);
    registerIssueRoutes(app, deps);
    registerMemberAndLabelRoutes(app, deps);
    registerTemplateAndFileRoutes(app, deps);
    registerProjectHookRoutes(app, deps);
    registerGraphQLRoutes(app, deps);
    registerIssueNoteAndMoveRoutes(app, deps);
    registerPipelineRoutes(app, deps);
    registerJobRoutes(app, deps);
    registerEnvironmentRoutes(app, deps);
    registerDeploymentRoutes(app, deps);
    registerOAuthRoutes(app, deps, this.oauth);
  }

  protected resetState(): void {
    this.state.clear();
    this.oauth.clear();
    this.requestLog.clear();
    this.faults.clear();
    this.webhooks.clear();
  }
}
