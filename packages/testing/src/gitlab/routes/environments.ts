import { type FastifyInstance } from 'fastify';
import { authenticate, readableProject, requireReadBuilds } from '../access.js';
import { environmentJson } from '../deploy-serializers.js';
import { GitLabError } from '../errors.js';
import { paginate } from '../pagination.js';
import { type EnvironmentState, type GitLabEnvironment } from '../types.js';
import { type GitLabRouteDeps, integerParam, requestParams, text, view } from './context.js';

const STATES: readonly EnvironmentState[] = ['available', 'stopping', 'stopped'];
const MIN_SEARCH_LENGTH = 3;

/** EnvironmentsFinder: `name` exact, `search` a case-insensitive name prefix, `states` one state. */
function matcher(params: Record<string, unknown>): (env: GitLabEnvironment) => boolean {
  const name = text(params, 'name');
  const search = text(params, 'search');
  const states = text(params, 'states');
  if (name !== undefined && search !== undefined)
    throw new GitLabError(400, { error: 'name, search cannot be used together' });
  if (states !== undefined && !STATES.some((s) => s === states)) throw GitLabError.invalidValue('states');
  if (search !== undefined && search !== '' && search.length < MIN_SEARCH_LENGTH) {
    throw new GitLabError(400, {
      message: `400 Bad request - Search query is less than ${MIN_SEARCH_LENGTH} characters`,
    });
  }
  return (env) =>
    (name === undefined || name === '' || env.name === name) &&
    (search === undefined || search === '' || env.name.toLowerCase().startsWith(search.toLowerCase())) &&
    (states === undefined || states === '' || env.state === states);
}

/** List and show environments (Reporter+ in private projects; the API always needs a signed-in user). */
export function registerEnvironmentRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id/environments', async (request, reply) => {
    const actor = authenticate(state, request, 'read', true);
    // Grape validates parameters before the endpoint looks the project up.
    const matches = matcher(requestParams(request));
    const project = readableProject(state, actor, request.params.id);
    requireReadBuilds(actor, project);
    const environments = [...state.environments.values()]
      .filter((env) => env.projectId === project.id && matches(env))
      .sort((a, b) => a.id - b.id);
    return paginate(request, reply, deps.baseUrl(), environments).map((env) =>
      environmentJson(view(deps), env, { single: false }),
    );
  });

  app.get<{ Params: { id: string; environmentId: string } }>(
    '/api/v4/projects/:id/environments/:environmentId',
    async (request) => {
      const actor = authenticate(state, request, 'read', true);
      const project = readableProject(state, actor, request.params.id);
      requireReadBuilds(actor, project);
      const env = state.environments.get(integerParam(request.params.environmentId, 'environment_id'));
      if (env === undefined || env.projectId !== project.id) throw GitLabError.notFound();
      return environmentJson(view(deps), env, { single: true });
    },
  );
}
