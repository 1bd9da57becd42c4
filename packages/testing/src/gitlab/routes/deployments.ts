import { type FastifyInstance } from 'fastify';
import { authenticate, readableProject, requireReadBuilds } from '../access.js';
import { deploymentJson } from '../deploy-serializers.js';
import { DEPLOYMENT_STATUSES } from '../deployments.js';
import { findEnvironment } from '../environments.js';
import { GitLabError } from '../errors.js';
import { paginate } from '../pagination.js';
import { type GitLabDeployment } from '../types.js';
import { type GitLabRouteDeps, requestParams, text, view } from './context.js';

const ORDER_BY = ['id', 'iid', 'created_at', 'updated_at', 'ref', 'finished_at'] as const;
type OrderBy = (typeof ORDER_BY)[number];

function oneOf<T extends string>(values: readonly T[], value: string | undefined, name: string, fallback: T): T {
  if (value === undefined) return fallback;
  const known = values.find((v) => v === value);
  if (known === undefined) throw GitLabError.invalidValue(name);
  return known;
}

/** DeploymentsFinder's ordering: created_at and iid sort like id; updated_at breaks ties by id desc. */
function compare(orderBy: OrderBy, direction: number): (a: GitLabDeployment, b: GitLabDeployment) => number {
  if (orderBy === 'id' || orderBy === 'iid' || orderBy === 'created_at') return (a, b) => (a.id - b.id) * direction;
  const key = (d: GitLabDeployment) =>
    orderBy === 'ref' ? d.ref : orderBy === 'updated_at' ? d.updatedAt : (d.finishedAt ?? '');
  return (a, b) =>
    key(a) < key(b) ? -direction : key(a) > key(b) ? direction : orderBy === 'updated_at' ? b.id - a.id : 0;
}

/** GET /projects/:id/deployments with GitLab's filters (`environment`, `status`) and ordering. */
export function registerDeploymentRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id/deployments', async (request, reply) => {
    const actor = authenticate(state, request, 'read', true);
    const params = requestParams(request);
    const orderBy = oneOf(ORDER_BY, text(params, 'order_by'), 'order_by', 'id');
    const direction = oneOf(['asc', 'desc'], text(params, 'sort'), 'sort', 'asc') === 'asc' ? 1 : -1;
    const status = text(params, 'status');
    if (status !== undefined) oneOf(DEPLOYMENT_STATUSES, status, 'status', 'created');
    const project = readableProject(state, actor, request.params.id);
    requireReadBuilds(actor, project);
    const envName = text(params, 'environment');
    const envId =
      envName === undefined || envName === '' ? undefined : (findEnvironment(state, project.id, envName)?.id ?? -1);
    const deployments = [...state.deployments.values()]
      .filter(
        (d) =>
          d.projectId === project.id &&
          (envId === undefined || d.environmentId === envId) &&
          (status === undefined || d.status === status),
      )
      .sort(compare(orderBy, direction));
    return paginate(request, reply, deps.baseUrl(), deployments).map((d) => deploymentJson(view(deps), d));
  });
}
