import { type FastifyInstance } from 'fastify';
import { accessLevel, authenticate, canSeeIssue, readableProject, requireWritable } from '../access.js';
import { GitLabError } from '../errors.js';
import { type GitLabState } from '../gitlab-state.js';
import { paginate } from '../pagination.js';
import { interpretQuickActions, type QuickActionResult } from '../quick-actions.js';
import { issueJson, noteJson } from '../serializers.js';
import { AccessLevel, type GitLabIssue } from '../types.js';
import { bool, type GitLabRouteDeps, integer, requestParams, text, view } from './context.js';
import { canBeAssigned, findIssue } from './issues.js';

type IssueParams = { Params: { id: string; iid: string } };

/** Comments on issues, and moving an issue to another project. */
export function registerIssueNoteAndMoveRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get<IssueParams>('/api/v4/projects/:id/issues/:iid/notes', async (request, reply) => {
    const actor = authenticate(state, request, 'read', false);
    const { project, issue } = findIssue(state, actor, request);
    const params = requestParams(request);
    const seesInternal = accessLevel(actor, project) >= AccessLevel.Reporter;
    const direction = text(params, 'sort') === 'asc' ? 1 : -1;
    const notes = [...state.notes.values()]
      .filter((note) => note.issueId === issue.id && (seesInternal || !note.internal))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id) * direction);
    return paginate(request, reply, deps.baseUrl(), notes).map((note) => noteJson(view(deps), note));
  });

  app.post<IssueParams>('/api/v4/projects/:id/issues/:iid/notes', async (request, reply) => {
    const actor = authenticate(state, request, 'write', true);
    const { project, issue } = findIssue(state, actor, request);
    const { user } = requireWritable(actor, project);
    const level = accessLevel(actor, project);
    // Grape rejects a missing body before the endpoint runs; a locked discussion only admits project members.
    const params = requestParams(request);
    const body = text(params, 'body');
    if (body === undefined) throw GitLabError.missing('body');
    if (issue.discussionLocked === true && level === 0) throw GitLabError.forbidden();
    // The notes API reports model errors as `bad_request!("Note #{note.errors.messages}")` (a Ruby hash inspect).
    if (body.trim() === '')
      throw new GitLabError(400, { message: `400 Bad request - Note {:note=>["can't be blank"]}` });
    const internal =
      (bool(params, 'internal') ?? bool(params, 'confidential') ?? false) && level >= AccessLevel.Reporter;
    // Quick actions run in comments too (Notes::QuickActionsService): a comment of commands only is
    // not saved, and GitLab answers 202 with what changed.
    const actions = interpretQuickActions(body, {
      state,
      project,
      userId: user.id,
      issueType: issue.issueType,
      canSetMetadata: level >= AccessLevel.Reporter,
      canAssign: (userId) => canBeAssigned(state, project, userId),
    });
    applyQuickActions(state, issue, actions);
    if (actions.description === '' && actions.description !== body.trim())
      return reply.code(202).send({ commands_changes: {}, summary: actions.messages });
    const note = state.addNote(issue, user.id, actions.description === '' ? body : actions.description, { internal });
    issue.updatedAt = note.createdAt;
    deps.hooks.noteEvent(note, issue);
    return reply.code(201).send(noteJson(view(deps), note));
  });

  app.post<IssueParams>('/api/v4/projects/:id/issues/:iid/move', async (request, reply) => {
    const actor = authenticate(state, request, 'write', true);
    const { project, issue } = findIssue(state, actor, request);
    const { user } = requireWritable(actor, project);
    const targetId = integer(requestParams(request), 'to_project_id');
    if (targetId === undefined) throw GitLabError.missing('to_project_id');
    const target = readableProject(state, actor, String(targetId));
    if (target.id === project.id)
      throw new GitLabError(400, { message: 'Cannot move issue to project it originates from!' });
    // Moving needs Reporter+ on both sides (GitLab's admin_issue ability).
    if (
      accessLevel(actor, project) < AccessLevel.Reporter ||
      accessLevel(actor, target) < AccessLevel.Reporter ||
      target.archived
    ) {
      throw new GitLabError(400, { message: 'Cannot move issue due to insufficient permissions!' });
    }
    const before = deps.hooks.snapshot(issue);
    const now = state.iso();
    const { id: _id, iid: _iid, projectId: _projectId, ...copied } = issue;
    const moved = state.addIssue(target, {
      ...copied,
      labels: [...issue.labels],
      assigneeIds: [...issue.assigneeIds],
      zoomMeetings: [...issue.zoomMeetings],
      resourceLinks: issue.resourceLinks.map((link) => ({ ...link, id: state.nextId() })),
      state: 'opened',
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedById: null,
      movedToId: null,
    });
    for (const note of [...state.notes.values()].filter((n) => n.issueId === issue.id)) {
      state.addNote(moved, note.authorId, note.body, { system: note.system, internal: note.internal });
    }
    state.addNote(moved, user.id, `moved from ${project.pathWithNamespace}#${issue.iid}`, { system: true });
    state.addNote(issue, user.id, `moved to ${target.pathWithNamespace}#${moved.iid}`, { system: true });
    Object.assign(issue, {
      state: 'closed',
      closedAt: now,
      closedById: user.id,
      movedToId: moved.id,
      updatedAt: now,
      updatedById: user.id,
    });
    deps.hooks.issueEvent(issue, 'close', user.id, before);
    deps.hooks.issueEvent(moved, 'open', user.id);
    if (!canSeeIssue(actor, target, moved)) throw GitLabError.notFound('Issue');
    return reply.code(201).send(issueJson(view(deps), moved));
  });
}

/** What a comment's quick actions change on its issue: labels and assignees added, severity, links. */
function applyQuickActions(state: GitLabState, issue: GitLabIssue, actions: QuickActionResult): void {
  issue.labels = [...new Set([...issue.labels, ...actions.labels])];
  issue.assigneeIds = [...new Set([...issue.assigneeIds, ...actions.assigneeIds])];
  if (actions.severity !== undefined) issue.severity = actions.severity;
  issue.zoomMeetings.push(...actions.zoomMeetings);
  issue.resourceLinks.push(...actions.resourceLinks.map((link) => ({ id: state.nextId(), ...link })));
}
