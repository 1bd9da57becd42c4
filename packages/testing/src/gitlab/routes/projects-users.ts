import { type FastifyInstance } from 'fastify';
import { accessLevel, type Actor, authenticate, readableProject } from '../access.js';
import { GitLabError } from '../errors.js';
import { paginate } from '../pagination.js';
import { basicProjectJson, projectJson, userBasic, userSelf } from '../serializers.js';
import { type GitLabProject } from '../types.js';
import { bool, type GitLabRouteDeps, integer, requestParams, text, view } from './context.js';

const ORDER_BY = ['id', 'name', 'path', 'created_at', 'updated_at', 'last_activity_at', 'star_count'] as const;

/**
 * ProjectsFinder as GET /projects uses it: projects the caller can see, `membership` /
 * `min_access_level` limit them to the caller's own memberships (direct ones: the fake has no groups).
 */
function projectMatcher(actor: Actor, params: Record<string, unknown>): (project: GitLabProject) => boolean {
  const minLevel = integer(params, 'min_access_level');
  const membership = (bool(params, 'membership') ?? false) || minLevel !== undefined;
  const search = text(params, 'search')?.toLowerCase() ?? '';
  const archived = bool(params, 'archived');
  const visibility = text(params, 'visibility');
  return (project) => {
    const level = actor === undefined ? 0 : (project.members.get(actor.user.id) ?? 0);
    const visible =
      project.visibility === 'public' ||
      (project.visibility === 'internal' && actor !== undefined) ||
      accessLevel(actor, project) > 0;
    return (
      visible &&
      (!membership || actor === undefined || level >= (minLevel ?? 1)) &&
      (search === '' || `${project.name}\n${project.pathWithNamespace}`.toLowerCase().includes(search)) &&
      (archived === undefined || project.archived === archived) &&
      (visibility === undefined || project.visibility === visibility)
    );
  };
}

/** One project, the current user, any user. */
export function registerProjectAndUserRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get('/api/v4/projects', async (request, reply) => {
    const actor = authenticate(state, request, 'read', false);
    const params = requestParams(request);
    const orderBy = text(params, 'order_by') ?? 'created_at';
    if (!ORDER_BY.some((o) => o === orderBy)) throw GitLabError.invalidValue('order_by');
    const direction = (text(params, 'sort') ?? 'desc') === 'asc' ? 1 : -1;
    const key = (p: GitLabProject): string | number =>
      orderBy === 'name' ? p.name : orderBy === 'path' ? p.pathWithNamespace : orderBy === 'id' ? p.id : p.createdAt;
    const projects = [...state.projects.values()]
      .filter(projectMatcher(actor, params))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * direction);
    const simple = bool(params, 'simple') ?? false;
    return paginate(request, reply, deps.baseUrl(), projects).map((project) =>
      simple ? basicProjectJson(view(deps), project) : projectJson(view(deps), project, accessLevel(actor, project)),
    );
  });

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id', async (request) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    return projectJson(view(deps), project, accessLevel(actor, project));
  });

  app.get('/api/v4/user', async (request) => {
    const actor = authenticate(state, request, 'user', true);
    if (actor === undefined) throw GitLabError.unauthorized();
    return userSelf(view(deps), actor.user);
  });

  app.get<{ Params: { id: string } }>('/api/v4/users/:id', async (request) => {
    authenticate(state, request, 'user', false);
    const user = /^\d+$/.test(request.params.id) ? state.users.get(Number(request.params.id)) : undefined;
    if (user === undefined) throw GitLabError.notFound('User');
    return {
      ...userBasic(view(deps), user),
      created_at: user.createdAt,
      bio: '',
      location: '',
      public_email: null,
      bot: false,
    };
  });
}
