import { type FastifyInstance } from 'fastify';
import { authenticate, readableProject } from '../access.js';
import { GitLabError } from '../errors.js';
import { type GitLabLabel } from '../incident-types.js';
import { paginate } from '../pagination.js';
import { userBasic, type ViewContext } from '../serializers.js';
import { bool, type GitLabRouteDeps, list, requestParams, text, view } from './context.js';

/** Label#text_color: white on dark backgrounds, near-black on light ones. */
function textColor(color: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex === undefined) return '#FFFFFF';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const luminance = 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
  return luminance > 186 ? '#1F1E24' : '#FFFFFF';
}

function labelJson(ctx: ViewContext, label: GitLabLabel, withCounts: boolean): Record<string, unknown> {
  const issues = [...ctx.state.issues.values()].filter(
    (issue) => issue.projectId === label.projectId && issue.labels.includes(label.name),
  );
  return {
    id: label.id,
    name: label.name,
    description: label.description,
    description_html: label.description ?? '',
    text_color: textColor(label.color),
    color: label.color,
    subscribed: false,
    priority: null,
    is_project_label: true,
    ...(withCounts
      ? {
          open_issues_count: issues.filter((i) => i.state === 'opened').length,
          closed_issues_count: issues.filter((i) => i.state === 'closed').length,
          open_merge_requests_count: 0,
        }
      : {}),
  };
}

/**
 * GET /projects/:id/members/all[/:user_id] (direct members here; the fake has no groups to inherit from)
 * and GET /projects/:id/labels, both readable by whoever can read the project.
 */
export function registerMemberAndLabelRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id/members/all', async (request, reply) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    const params = requestParams(request);
    const query = text(params, 'query')?.toLowerCase() ?? '';
    const userIds = list(params, 'user_ids')?.map(Number);
    const members = [...project.members.entries()]
      .map(([userId, level]) => ({ user: state.users.get(userId), level }))
      .filter(
        (m): m is { user: NonNullable<typeof m.user>; level: number } =>
          m.user !== undefined &&
          (userIds === undefined || userIds.includes(m.user.id)) &&
          (query === '' || `${m.user.name}\n${m.user.username}`.toLowerCase().includes(query)),
      )
      .sort((a, b) => a.user.id - b.user.id);
    return paginate(request, reply, deps.baseUrl(), members).map(({ user, level }) => ({
      ...userBasic(view(deps), user),
      access_level: level,
      created_at: project.createdAt,
      expires_at: null,
      membership_state: 'active',
    }));
  });

  // GET /projects/:id/members/all/:user_id: one member, or GitLab's 404 when the user is not one.
  app.get<{ Params: { id: string; userId: string } }>('/api/v4/projects/:id/members/all/:userId', async (request) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    const userId = Number(request.params.userId);
    const level = project.members.get(userId);
    const user = state.users.get(userId);
    if (level === undefined || user === undefined) throw GitLabError.notFound();
    return {
      ...userBasic(view(deps), user),
      access_level: level,
      created_at: project.createdAt,
      expires_at: null,
      membership_state: 'active',
    };
  });

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id/labels', async (request, reply) => {
    const actor = authenticate(state, request, 'read', false);
    const params = requestParams(request);
    const withCounts = bool(params, 'with_counts') ?? false;
    const project = readableProject(state, actor, request.params.id);
    const search = text(params, 'search')?.toLowerCase() ?? '';
    const labels = [...state.labels.values()]
      .filter((label) => label.projectId === project.id && label.name.toLowerCase().includes(search))
      .sort((a, b) => a.name.localeCompare(b.name));
    return paginate(request, reply, deps.baseUrl(), labels).map((label) => labelJson(view(deps), label, withCounts));
  });

  app.get<{ Params: { id: string; labelId: string } }>('/api/v4/projects/:id/labels/:labelId', async (request) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    const ref = request.params.labelId;
    const label = /^\d+$/.test(ref) ? state.labels.get(Number(ref)) : state.findLabel(project.id, ref);
    if (label === undefined || label.projectId !== project.id) throw GitLabError.notFound('Label');
    return labelJson(view(deps), label, false);
  });
}
