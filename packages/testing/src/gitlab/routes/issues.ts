import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { accessLevel, type Actor, authenticate, canSeeIssue, readableProject, requireWritable } from '../access.js';
import { GitLabError } from '../errors.js';
import { type GitLabState } from '../gitlab-state.js';
import { paginate } from '../pagination.js';
import { issueJson } from '../serializers.js';
import { AccessLevel, type GitLabIssue, type GitLabProject } from '../types.js';
import { bool, type GitLabRouteDeps, integer, list, requestParams, text, view } from './context.js';

const ISSUE_TYPES = ['issue', 'incident', 'test_case', 'task'] as const;
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

function assigneeIds(params: Record<string, unknown>): number[] | undefined {
  const ids =
    list(params, 'assignee_ids') ?? (params['assignee_id'] === undefined ? undefined : [String(params['assignee_id'])]);
  return ids?.map(Number).filter((id) => Number.isInteger(id) && id > 0);
}

function matches(issue: GitLabIssue, params: Record<string, unknown>): boolean {
  const state = text(params, 'state') ?? 'all';
  if (state !== 'all' && issue.state !== state) return false;
  const search = text(params, 'search')?.toLowerCase();
  if (
    search !== undefined &&
    search !== '' &&
    !`${issue.title}\n${issue.description ?? ''}`.toLowerCase().includes(search)
  )
    return false;
  const labels = list(params, 'labels');
  if (labels !== undefined && !labels.every((label) => issue.labels.includes(label))) return false;
  const iids = list(params, 'iids');
  if (iids !== undefined && !iids.includes(String(issue.iid))) return false;
  const authorId = integer(params, 'author_id');
  if (authorId !== undefined && issue.authorId !== authorId) return false;
  const assigneeId = integer(params, 'assignee_id');
  if (assigneeId !== undefined && !issue.assigneeIds.includes(assigneeId)) return false;
  const confidential = bool(params, 'confidential');
  return confidential === undefined || issue.confidential === confidential;
}

function sortIssues(issues: GitLabIssue[], params: Record<string, unknown>): GitLabIssue[] {
  const orderBy = text(params, 'order_by') ?? 'created_at';
  if (!['created_at', 'updated_at', 'title'].includes(orderBy)) throw GitLabError.invalidValue('order_by');
  const direction = (text(params, 'sort') ?? 'desc') === 'asc' ? 1 : -1;
  const key = (issue: GitLabIssue) =>
    orderBy === 'title' ? issue.title : orderBy === 'updated_at' ? issue.updatedAt : issue.createdAt;
  // Ties (same timestamp) fall back to id so pages never overlap.
  return [...issues].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * direction);
}

/** Issue list (filters + pagination), show, create and update, with GitLab's permission rules. */
export function registerIssueRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id/issues', async (request, reply) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    const params = requestParams(request);
    const issues = [...state.issues.values()].filter(
      (i) => i.projectId === project.id && canSeeIssue(actor, project, i) && matches(i, params),
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
    const type = issueType(params) ?? 'issue';
    // Below Reporter, GitLab silently drops metadata (labels, assignees, due date) from new issues.
    const canSetMetadata = accessLevel(actor, project) >= AccessLevel.Reporter;
    const now = state.iso();
    const issue = state.addIssue(project, {
      title,
      description: text(params, 'description') ?? null,
      state: 'opened',
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedById: null,
      labels: canSetMetadata ? [...new Set(list(params, 'labels') ?? [])] : [],
      authorId: user.id,
      assigneeIds: canSetMetadata ? (assigneeIds(params) ?? []) : [],
      confidential: bool(params, 'confidential') ?? false,
      issueType: type === 'incident' && !canSetMetadata ? 'issue' : type,
      dueDate: canSetMetadata ? (text(params, 'due_date') ?? null) : null,
      movedToId: null,
      discussionLocked: null,
    });
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

    const now = state.iso();
    if (title !== undefined) issue.title = title;
    const description = text(params, 'description');
    if (description !== undefined) issue.description = description;
    const confidential = bool(params, 'confidential');
    if (confidential !== undefined) issue.confidential = confidential;
    const type = issueType(params);
    if (type !== undefined) issue.issueType = type;
    if (isReporter) {
      const labels = list(params, 'labels');
      if (labels !== undefined) issue.labels = [...new Set(labels)];
      for (const label of list(params, 'add_labels') ?? []) if (!issue.labels.includes(label)) issue.labels.push(label);
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
    return issueJson(view(deps), issue);
  });
}
