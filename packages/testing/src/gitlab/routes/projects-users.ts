import { type FastifyInstance } from 'fastify';
import { accessLevel, authenticate, readableProject } from '../access.js';
import { GitLabError } from '../errors.js';
import { projectJson, userBasic, userSelf } from '../serializers.js';
import { type GitLabRouteDeps, view } from './context.js';

/** One project, the current user, any user. */
export function registerProjectAndUserRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

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
