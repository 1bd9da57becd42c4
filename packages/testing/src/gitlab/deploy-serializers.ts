import { jobJson } from './ci-serializers.js';
import { lastDeployment } from './environments.js';
import { basicProjectJson, userBasic, type ViewContext } from './serializers.js';
import { type GitLabDeployment, type GitLabEnvironment } from './types.js';

/** Entities::EnvironmentBasic, as nested in a deployment. */
export function environmentBasicJson(env: GitLabEnvironment): Record<string, unknown> {
  return {
    id: env.id,
    name: env.name,
    slug: env.slug,
    external_url: env.externalUrl,
    created_at: env.createdAt,
    updated_at: env.updatedAt,
  };
}

/**
 * Entities::Environment. The list includes `project`; GET one replaces it with `last_deployment`
 * (whose own `environment` is left out), exactly like GitLab's `except:` options.
 */
export function environmentJson(
  ctx: ViewContext,
  env: GitLabEnvironment,
  options: { single: boolean },
): Record<string, unknown> {
  const last = options.single ? lastDeployment(ctx.state, env) : undefined;
  return {
    ...environmentBasicJson(env),
    tier: env.tier,
    ...(options.single
      ? { last_deployment: last === undefined ? null : deploymentJson(ctx, last, { withEnvironment: false }) }
      : { project: basicProjectJson(ctx, ctx.state.project(env.projectId)) }),
    state: env.state,
    auto_stop_at: null,
    description: env.description,
    auto_stop_setting: 'always',
  };
}

/** Entities::Deployment: the deploy job (`deployable`) is the full job JSON, `pipeline` included. */
export function deploymentJson(
  ctx: ViewContext,
  deployment: GitLabDeployment,
  options: { withEnvironment: boolean } = { withEnvironment: true },
): Record<string, unknown> {
  const { state } = ctx;
  const env = state.environments.get(deployment.environmentId);
  const job = deployment.jobId === null ? undefined : state.jobs.get(deployment.jobId);
  return {
    id: deployment.id,
    iid: deployment.iid,
    ref: deployment.ref,
    sha: deployment.sha,
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    user: deployment.userId === null ? null : userBasic(ctx, state.users.get(deployment.userId)),
    ...(options.withEnvironment ? { environment: env === undefined ? null : environmentBasicJson(env) } : {}),
    deployable: job === undefined ? null : jobJson(ctx, job),
    status: deployment.status,
  };
}
