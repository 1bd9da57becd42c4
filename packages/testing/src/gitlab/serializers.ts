import { type GitLabState } from './gitlab-state.js';
import { type GitLabIssue, type GitLabNote, type GitLabProject, type GitLabUser } from './types.js';

/** What serializers need besides the data: the fake's base URL for web_url fields. */
export interface ViewContext {
  state: GitLabState;
  baseUrl: string;
}

export function userBasic(ctx: ViewContext, user: GitLabUser | undefined): Record<string, unknown> | null {
  if (user === undefined) return null;
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: user.state,
    locked: false,
    avatar_url: `${ctx.baseUrl}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
    web_url: `${ctx.baseUrl}/${user.username}`,
  };
}

/** GET /user: the basic fields plus the private ones only the owner sees. */
export function userSelf(ctx: ViewContext, user: GitLabUser): Record<string, unknown> {
  return {
    ...userBasic(ctx, user),
    created_at: user.createdAt,
    bio: '',
    location: '',
    public_email: null,
    website_url: '',
    organization: '',
    job_title: '',
    bot: false,
    email: user.email,
    commit_email: user.email,
    is_admin: user.isAdmin,
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
    last_sign_in_at: null,
    confirmed_at: user.createdAt,
    identities: [],
  };
}

export function projectJson(ctx: ViewContext, project: GitLabProject, accessLevel: number): Record<string, unknown> {
  const webUrl = `${ctx.baseUrl}/${project.pathWithNamespace}`;
  const namespacePath = project.pathWithNamespace.split('/').slice(0, -1).join('/');
  const path = project.pathWithNamespace.split('/').pop() ?? project.pathWithNamespace;
  const apiUrl = `${ctx.baseUrl}/api/v4/projects/${project.id}`;
  const openIssues = [...ctx.state.issues.values()].filter(
    (i) => i.projectId === project.id && i.state === 'opened',
  ).length;
  return {
    id: project.id,
    description: project.description,
    name: project.name,
    name_with_namespace: project.pathWithNamespace.split('/').join(' / '),
    path,
    path_with_namespace: project.pathWithNamespace,
    created_at: project.createdAt,
    default_branch: project.defaultBranch,
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@${new URL(ctx.baseUrl).host}:${project.pathWithNamespace}.git`,
    http_url_to_repo: `${webUrl}.git`,
    web_url: webUrl,
    readme_url: null,
    avatar_url: null,
    forks_count: 0,
    star_count: 0,
    last_activity_at: project.createdAt,
    namespace: {
      id: project.id + 100_000,
      name: namespacePath,
      path: namespacePath,
      kind: 'group',
      full_path: namespacePath,
      parent_id: null,
      avatar_url: null,
      web_url: `${ctx.baseUrl}/groups/${namespacePath}`,
    },
    visibility: project.visibility,
    archived: project.archived,
    issues_enabled: true,
    open_issues_count: openIssues,
    _links: {
      self: apiUrl,
      issues: `${apiUrl}/issues`,
      merge_requests: `${apiUrl}/merge_requests`,
      repo_branches: `${apiUrl}/repository/branches`,
      members: `${apiUrl}/members`,
    },
    permissions: {
      project_access: accessLevel > 0 ? { access_level: accessLevel, notification_level: 3 } : null,
      group_access: null,
    },
  };
}

/** Entities::BasicProjectDetails: ProjectIdentity plus links and counters, without permissions. */
const BASIC_PROJECT_KEYS = [
  'id',
  'description',
  'name',
  'name_with_namespace',
  'path',
  'path_with_namespace',
  'created_at',
  'default_branch',
  'tag_list',
  'topics',
  'ssh_url_to_repo',
  'http_url_to_repo',
  'web_url',
  'readme_url',
  'forks_count',
  'avatar_url',
  'star_count',
  'last_activity_at',
  'namespace',
];

/** A project as GET /projects?simple=true and a deployment show it (GitLab uses the same entity for both). */
export function basicProjectJson(ctx: ViewContext, project: GitLabProject): Record<string, unknown> {
  const full = projectJson(ctx, project, 0);
  return Object.fromEntries(BASIC_PROJECT_KEYS.map((key) => [key, full[key]]));
}

export function issueJson(ctx: ViewContext, issue: GitLabIssue): Record<string, unknown> {
  const { state } = ctx;
  const project = state.project(issue.projectId);
  const apiUrl = `${ctx.baseUrl}/api/v4/projects/${project.id}`;
  const assignees = issue.assigneeIds.map((id) => userBasic(ctx, state.users.get(id))).filter((u) => u !== null);
  const notes = [...state.notes.values()].filter((n) => n.issueId === issue.id && !n.system).length;
  return {
    id: issue.id,
    iid: issue.iid,
    project_id: issue.projectId,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: issue.closedById === null ? null : userBasic(ctx, state.users.get(issue.closedById)),
    labels: issue.labels,
    milestone: null,
    assignees,
    author: userBasic(ctx, state.users.get(issue.authorId)),
    type: issue.issueType.toUpperCase(),
    assignee: assignees[0] ?? null,
    user_notes_count: notes,
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: issue.dueDate,
    confidential: issue.confidential,
    discussion_locked: issue.discussionLocked,
    issue_type: issue.issueType,
    web_url: `${ctx.baseUrl}/${project.pathWithNamespace}/-/${issue.issueType === 'incident' ? 'issues/incident' : 'issues'}/${issue.iid}`,
    time_stats: { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null },
    task_completion_status: { count: 0, completed_count: 0 },
    weight: null,
    blocking_issues_count: 0,
    has_tasks: false,
    _links: {
      self: `${apiUrl}/issues/${issue.iid}`,
      notes: `${apiUrl}/issues/${issue.iid}/notes`,
      award_emoji: `${apiUrl}/issues/${issue.iid}/award_emoji`,
      project: apiUrl,
      closed_as_duplicate_of: null,
    },
    references: {
      short: `#${issue.iid}`,
      relative: `#${issue.iid}`,
      full: `${project.pathWithNamespace}#${issue.iid}`,
    },
    severity: issue.severity.toUpperCase(),
    moved_to_id: issue.movedToId,
    imported: false,
    imported_from: 'none',
    service_desk_reply_to: null,
  };
}

export function noteJson(ctx: ViewContext, note: GitLabNote): Record<string, unknown> {
  const issue = ctx.state.issues.get(note.issueId);
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author: userBasic(ctx, ctx.state.users.get(note.authorId)),
    created_at: note.createdAt,
    updated_at: note.updatedAt,
    system: note.system,
    noteable_id: note.issueId,
    noteable_type: 'Issue',
    project_id: note.projectId,
    resolvable: false,
    confidential: note.internal,
    internal: note.internal,
    noteable_iid: issue?.iid ?? null,
    commands_changes: {},
  };
}
