import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { accessLevel, type Actor, authenticate, canSeeIssue, readableProject, requireWritable } from '../access.js';
import { GitLabError } from '../errors.js';
import { type GitLabState } from '../gitlab-state.js';
import { paginate } from '../pagination.js';
import { interpretQuickActions } from '../quick-actions.js';
import { issueJson } from '../serializers.js';
import { AccessLevel, type GitLabIssue, type GitLabProject } from '../types.js';
import { bool, type GitLabRouteDeps, list, requestParams, text, view } from './context.js';
import { ISSUE_TYPES, issueMatcher, sortIssues } from './issue-filters.js';

const MAX_TITLE_LENGTH = 255;
const UPDATE_PARAMS = [
  'assignee_id',
  'assignee_ids',
  'confidential',
  'description',
  'discussion_locked',
  'due_date',
  'labels',
  'add_labels',
  'remove_labels',
  'state_event',
  'title',
  'issue_type',
];

type IssueParams = { Params: { id: string; iid: string } };

/** The project and a visible issue of it, or GitLab's 404s (confidential issues look missing). */
export function findIssue(
  state: GitLabState,
  actor: Actor,
  request: FastifyRequest<IssueParams>,
): { project: GitLabProject; issue: GitLabIssue } {
  const project = readableProject(state, actor, request.params.id);
  const issue = /^\d+$/.test(request.params.iid) ? state.issue(project.id, Number(request.params.iid)) : undefined;
  if (issue === undefined || !canSeeIssue(actor, project, issue)) throw GitLabError.notFound('Issue');
  return { project, issue };
}

function checkTitle(title: string): void {
  if (title.trim() === '') throw GitLabError.validation('title', "can't be blank");
  if (title.length > MAX_TITLE_LENGTH)
    throw GitLabError.validation('title', `is too long (maximum is ${MAX_TITLE_LENGTH} characters)`);
}

function issueType(params: Record<string, unknown>): GitLabIssue['issueType'] | undefined {
  const value = text(params, 'issue_type');
  if (value === undefined) return undefined;
  const known = ISSUE_TYPES.find((type) => type === value);
  if (known === undefined) throw GitLabError.invalidValue('issue_type');
  return known;
}

/** GitLab drops assignees who could not read the issue (non-members of private projects). */
/** Whether a user may be assigned an issue of the project (GitLab drops assignees who cannot read it). */
export function canBeAssigned(state: GitLabState, project: GitLabProject, userId: number): boolean {
  const user = state.users.get(userId);
  if (user === undefined || user.state !== 'active') return false;
  return project.visibility !== 'private' || (project.members.get(userId) ?? 0) > 0 || user.isAdmin;
}

function assigneeIds(params: Record<string, unknown>): number[] | undefined {
  const ids =
    list(params, 'assignee_ids') ?? (params['assignee_id'] === undefined ? undefined : [String(params['assignee_id'])]);
  return ids?.map(Number).filter((id) => Number.isInteger(id) && id > 0);
}

/** Issue list (filters + pagination), show, create and update, with GitLab's permission rules. */
export function registerIssueRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id/issues', async (request, reply) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    const params = requestParams(request);
    const matches = issueMatcher(params);
    const issues = [...state.issues.values()].filter(
      (i) => i.projectId === project.id && canSeeIssue(actor, project, i) && matches(i),
    );
    return paginate(request, reply, deps.baseUrl(), sortIssues(issues, params)).map((issue) =>
      issueJson(view(deps), issue),
    );
  });

  app.get<IssueParams>('/api/v4/projects/:id/issues/:iid', async (request) => {
    const actor = authenticate(state, request, 'read', false);
    return issueJson(view(deps), findIssue(state, actor, request).issue);
  });

  app.post<{ Params: { id: string } }>('/api/v4/projects/:id/issues', async (request, reply) => {
    const actor = authenticate(state, request, 'write', true);
    const project = readableProject(state, actor, request.params.id);
    const { user } = requireWritable(actor, project);
    const params = requestParams(request);
    const title = text(params, 'title');
    if (title === undefined) throw GitLabError.missing('title');
    checkTitle(title);
    const requested = issueType(params) ?? 'issue';
    // Below Reporter, GitLab silently drops metadata (labels, assignees, due date) from new issues,
    // and an incident (create_incident needs Reporter) becomes a plain issue.
    const canSetMetadata = accessLevel(actor, project) >= AccessLevel.Reporter;
    const type = requested === 'incident' && !canSetMetadata ? 'issue' : requested;
    const rawDescription = text(params, 'description');
    const actions =
      rawDescription === undefined
        ? undefined
        : interpretQuickActions(rawDescription, {
            state,
            project,
            userId: user.id,
            issueType: type,
            canSetMetadata,
            canAssign: (userId) => canBeAssigned(state, project, userId),
          });
    // Labels named through the API are created when missing; quick actions only apply existing ones.
    const labels = canSetMetadata
      ? (list(params, 'labels') ?? []).map((name) => state.findOrCreateLabel(project.id, { name }).name)
      : [];
    const assignees = canSetMetadata ? (assigneeIds(params) ?? []) : [];
    const now = state.iso();
    const issue = state.addIssue(project, {
      title,
      description: actions?.description ?? null,
      state: 'opened',
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedById: null,
      updatedById: null,
      labels: [...new Set([...labels, ...(actions?.labels ?? [])])],
      authorId: user.id,
      assigneeIds: [...new Set([...assignees, ...(actions?.assigneeIds ?? [])])],
      confidential: bool(params, 'confidential') ?? false,
      issueType: type,
      dueDate: canSetMetadata ? (text(params, 'due_date') ?? null) : null,
      movedToId: null,
      discussionLocked: null,
      severity: actions?.severity ?? 'unknown',
      escalationStatus: type === 'incident' ? 'triggered' : null,
      zoomMeetings: actions?.zoomMeetings ?? [],
      resourceLinks: (actions?.resourceLinks ?? []).map((link) => ({ id: state.nextId(), ...link })),
    });
    deps.hooks.issueEvent(issue, 'open', user.id);
    return reply.code(201).send(issueJson(view(deps), issue));
  });

  app.put<IssueParams>('/api/v4/projects/:id/issues/:iid', async (request) => {
    const actor = authenticate(state, request, 'write', true);
    const { project, issue } = findIssue(state, actor, request);
    const { user } = requireWritable(actor, project);
    const isReporter = accessLevel(actor, project) >= AccessLevel.Reporter;
    if (!isReporter && issue.authorId !== user.id && !issue.assigneeIds.includes(user.id))
      throw GitLabError.forbidden();
    const params = requestParams(request);
    if (!UPDATE_PARAMS.some((key) => params[key] !== undefined)) {
      throw new GitLabError(400, {
        error: `${UPDATE_PARAMS.join(', ')} are missing, at least one parameter must be provided`,
      });
    }
    const stateEvent = text(params, 'state_event');
    if (stateEvent !== undefined && stateEvent !== 'close' && stateEvent !== 'reopen')
      throw GitLabError.invalidValue('state_event');
    const title = text(params, 'title');
    if (title !== undefined) checkTitle(title);

    const before = deps.hooks.snapshot(issue);
    const wasOpen = issue.state === 'opened';
    const now = state.iso();
    if (title !== undefined) issue.title = title;
    const description = text(params, 'description');
    if (description !== undefined) issue.description = description;
    const confidential = bool(params, 'confidential');
    if (confidential !== undefined) issue.confidential = confidential;
    const type = issueType(params);
    if (type !== undefined) {
      issue.issueType = type;
      issue.escalationStatus = type === 'incident' ? (issue.escalationStatus ?? 'triggered') : null;
    }
    if (isReporter) {
      const labelName = (name: string) => state.findOrCreateLabel(project.id, { name }).name;
      const labels = list(params, 'labels');
      if (labels !== undefined) issue.labels = [...new Set(labels.map(labelName))];
      for (const label of (list(params, 'add_labels') ?? []).map(labelName))
        if (!issue.labels.includes(label)) issue.labels.push(label);
      const removed = list(params, 'remove_labels') ?? [];
      issue.labels = issue.labels.filter((label) => !removed.includes(label));
      const assignees = assigneeIds(params);
      if (assignees !== undefined) issue.assigneeIds = assignees;
      const discussionLocked = bool(params, 'discussion_locked');
      if (discussionLocked !== undefined) issue.discussionLocked = discussionLocked;
    }
    if (stateEvent === 'close' && issue.state === 'opened') {
      Object.assign(issue, { state: 'closed', closedAt: now, closedById: user.id });
      state.addNote(issue, user.id, 'closed', { system: true });
    } else if (stateEvent === 'reopen' && issue.state === 'closed') {
      Object.assign(issue, { state: 'opened', closedAt: null, closedById: null });
      state.addNote(issue, user.id, 'reopened', { system: true });
    }
    issue.updatedAt = now;
    issue.updatedById = user.id;
    const action = wasOpen === (issue.state === 'opened') ? 'update' : wasOpen ? 'close' : 'reopen';
    deps.hooks.issueEvent(issue, action, user.id, before);
    return issueJson(view(deps), issue);
  });
}
