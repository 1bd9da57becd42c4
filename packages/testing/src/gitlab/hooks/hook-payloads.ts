import { type GitLabState } from '../gitlab-state.js';
import { type GitLabIssue, type GitLabNote, type GitLabProject, type GitLabUser } from '../types.js';

/**
 * Webhook bodies shaped like GitLab's documented examples (doc/user/project/integrations/
 * webhook_events.md; copies in shared/fixtures/gitlab-webhooks): the same keys, the same time
 * formats (issue attributes ISO 8601 without fractions, note attributes and `changes` in
 * `YYYY-MM-DD HH:MM:SS UTC`).
 */
export interface PayloadContext {
  state: GitLabState;
  baseUrl: string;
}

const VISIBILITY_LEVEL = { private: 0, internal: 10, public: 20 } as const;

/** `2015-05-17 17:06:40 UTC`, the Ruby Time#to_s format GitLab's note hooks and `changes` use. */
export function utcText(iso: string | null): string | null {
  if (iso === null) return null;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `2013-12-03T17:15:43Z`. */
function isoSeconds(iso: string | null): string | null {
  return iso === null ? null : `${iso.slice(0, 19)}Z`;
}

export function hookUser(ctx: PayloadContext, user: GitLabUser | undefined): Record<string, unknown> | null {
  if (user === undefined) return null;
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    avatar_url: `${ctx.baseUrl}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
    email: user.email,
  };
}

export function hookProject(ctx: PayloadContext, project: GitLabProject): Record<string, unknown> {
  const webUrl = `${ctx.baseUrl}/${project.pathWithNamespace}`;
  const sshUrl = `git@${new URL(ctx.baseUrl).host}:${project.pathWithNamespace}.git`;
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    web_url: webUrl,
    avatar_url: null,
    git_ssh_url: sshUrl,
    git_http_url: `${webUrl}.git`,
    namespace: project.pathWithNamespace.split('/').slice(0, -1).join('/'),
    visibility_level: VISIBILITY_LEVEL[project.visibility],
    path_with_namespace: project.pathWithNamespace,
    default_branch: project.defaultBranch,
    ci_config_path: null,
    homepage: webUrl,
    url: `${webUrl}.git`,
    ssh_url: sshUrl,
    http_url: `${webUrl}.git`,
  };
}

export function hookRepository(ctx: PayloadContext, project: GitLabProject): Record<string, unknown> {
  const webUrl = `${ctx.baseUrl}/${project.pathWithNamespace}`;
  return { name: project.name, url: `${webUrl}.git`, description: project.description, homepage: webUrl };
}

function hookLabels(ctx: PayloadContext, issue: GitLabIssue): Array<Record<string, unknown>> {
  return issue.labels.map((name) => {
    const label = ctx.state.findLabel(issue.projectId, name);
    return {
      id: label?.id ?? null,
      title: name,
      color: label?.color ?? '#6699cc',
      project_id: issue.projectId,
      created_at: isoSeconds(label?.createdAt ?? null),
      updated_at: isoSeconds(label?.createdAt ?? null),
      template: false,
      description: label?.description ?? null,
      type: 'ProjectLabel',
      group_id: null,
    };
  });
}

export function issueUrl(ctx: PayloadContext, issue: GitLabIssue): string {
  const project = ctx.state.project(issue.projectId);
  const kind = issue.issueType === 'incident' ? 'issues/incident' : 'issues';
  return `${ctx.baseUrl}/${project.pathWithNamespace}/-/${kind}/${issue.iid}`;
}

/** Work item type names, as `object_attributes.type` carries them. */
const TYPE_NAMES: Readonly<Record<GitLabIssue['issueType'], string>> = {
  issue: 'Issue',
  incident: 'Incident',
  test_case: 'Test Case',
  task: 'Task',
};

/** The issue as `object_attributes` (Issue Hook) or `issue` (Note Hook) carries it. */
export function issueHookAttributes(ctx: PayloadContext, issue: GitLabIssue): Record<string, unknown> {
  return {
    author_id: issue.authorId,
    closed_at: isoSeconds(issue.closedAt),
    confidential: issue.confidential,
    created_at: isoSeconds(issue.createdAt),
    description: issue.description,
    discussion_locked: issue.discussionLocked,
    due_date: issue.dueDate,
    id: issue.id,
    iid: issue.iid,
    last_edited_at: null,
    last_edited_by_id: null,
    milestone_id: null,
    moved_to_id: issue.movedToId,
    duplicated_to_id: null,
    project_id: issue.projectId,
    relative_position: null,
    state_id: issue.state === 'opened' ? 1 : 2,
    time_estimate: 0,
    title: issue.title,
    updated_at: isoSeconds(issue.updatedAt),
    updated_by_id: issue.updatedById,
    type: TYPE_NAMES[issue.issueType],
    url: issueUrl(ctx, issue),
    total_time_spent: 0,
    time_change: 0,
    human_total_time_spent: null,
    human_time_change: null,
    human_time_estimate: null,
    assignee_ids: [...issue.assigneeIds],
    assignee_id: issue.assigneeIds[0] ?? null,
    labels: hookLabels(ctx, issue),
    state: issue.state,
    severity: issue.severity,
    customer_relations_contacts: [],
    ...(issue.escalationStatus === null ? {} : { escalation_status: issue.escalationStatus }),
  };
}

/** What `changes` compares: the attributes GitLab reports with previous/current values. */
export type IssueSnapshot = Record<string, unknown>;

export function snapshotIssue(ctx: PayloadContext, issue: GitLabIssue): IssueSnapshot {
  return {
    author_id: issue.authorId,
    created_at: utcText(issue.createdAt),
    description: issue.description,
    id: issue.id,
    iid: issue.iid,
    project_id: issue.projectId,
    title: issue.title,
    confidential: issue.confidential,
    state_id: issue.state === 'opened' ? 1 : 2,
    closed_at: utcText(issue.closedAt),
    discussion_locked: issue.discussionLocked,
    due_date: issue.dueDate,
    labels: hookLabels(ctx, issue),
    assignees: issue.assigneeIds.map((id) => hookUser(ctx, ctx.state.users.get(id))),
    severity: issue.severity,
    ...(issue.escalationStatus === null ? {} : { escalation_status: issue.escalationStatus }),
    updated_by_id: issue.updatedById,
    updated_at: utcText(issue.updatedAt),
  };
}

/** `{ field: { previous, current } }` for every attribute that differs (a new issue: everything set). */
export function issueChanges(before: IssueSnapshot | undefined, after: IssueSnapshot): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, current] of Object.entries(after)) {
    const previous = before === undefined ? (Array.isArray(current) ? [] : null) : (before[key] ?? null);
    if (JSON.stringify(previous) !== JSON.stringify(current ?? null)) changes[key] = { previous, current };
  }
  return changes;
}

export function noteHookAttributes(ctx: PayloadContext, note: GitLabNote, issue: GitLabIssue): Record<string, unknown> {
  return {
    id: note.id,
    note: note.body,
    noteable_type: 'Issue',
    author_id: note.authorId,
    created_at: utcText(note.createdAt),
    updated_at: utcText(note.updatedAt),
    project_id: note.projectId,
    attachment: null,
    line_code: null,
    commit_id: '',
    noteable_id: issue.id,
    system: note.system,
    st_diff: null,
    internal: note.internal,
    action: 'create',
    url: `${issueUrl(ctx, issue)}#note_${note.id}`,
  };
}
