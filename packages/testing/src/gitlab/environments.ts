import { createHash } from 'node:crypto';
import { type GitLabState } from './gitlab-state.js';
import {
  type EnvironmentTier,
  type GitLabDeployment,
  type GitLabEnvironment,
  type GitLabEnvironmentInput,
  type GitLabProject,
} from './types.js';

const SLUG_MAX = 24;

/**
 * GitLab's environment slug (Gitlab::Slug::Environment): lowercase alphanumerics and dashes,
 * starting with a letter, at most 24 characters; when that changed the name, a 6-character
 * suffix derived from the name's SHA-256 keeps it unique (`review/fix-foo` → `review-fix-foo-<6>`).
 */
export function environmentSlug(
  name: string,
  sha256Hex: (text: string) => string = (text) => createHash('sha256').update(text).digest('hex'),
): string {
  let slug = name.toLowerCase().replace(/[^a-z0-9]/g, '-');
  if (!/^[a-z]/.test(slug)) slug = `env-${slug}`;
  slug = slug.replace(/-+/g, '-');
  if (slug.length <= SLUG_MAX && slug === name) return slug.replace(/-$/, '');
  const suffix = BigInt(`0x${sha256Hex(name)}`)
    .toString(36)
    .slice(-6);
  const head = slug.slice(0, 17);
  return `${head}${head.endsWith('-') ? '' : '-'}${suffix}`;
}

/** The tier GitLab guesses from the name when `.gitlab-ci.yml` does not set `deployment_tier`. */
export function guessTier(name: string): EnvironmentTier {
  if (/(dev|review|trunk)/i.test(name)) return 'development';
  if (/(test|tst|int|ac(ce|)pt|qa|qc|control|quality)/i.test(name)) return 'testing';
  if (/(st(a|)g|mod(e|)l|pre|demo|non)/i.test(name)) return 'staging';
  if (/(pr(o|)d|live)/i.test(name)) return 'production';
  return 'other';
}

export function findEnvironment(state: GitLabState, projectId: number, name: string): GitLabEnvironment | undefined {
  for (const env of state.environments.values()) if (env.projectId === projectId && env.name === name) return env;
  return undefined;
}

export function addEnvironment(
  state: GitLabState,
  project: GitLabProject,
  input: GitLabEnvironmentInput,
): GitLabEnvironment {
  if (findEnvironment(state, project.id, input.name) !== undefined)
    throw new Error(`environment ${input.name} already exists in project ${project.id}`);
  const now = state.iso();
  const env: GitLabEnvironment = {
    id: state.nextId(),
    projectId: project.id,
    name: input.name,
    slug: environmentSlug(input.name),
    externalUrl: input.externalUrl ?? null,
    description: input.description ?? null,
    state: input.state ?? 'available',
    tier: input.tier ?? guessTier(input.name),
    createdAt: now,
    updatedAt: now,
  };
  state.environments.set(env.id, env);
  return env;
}

/** Like GitLab's `find_or_create_by_name`, used when a deploy job names an environment. */
export function findOrCreateEnvironment(state: GitLabState, project: GitLabProject, name: string): GitLabEnvironment {
  return findEnvironment(state, project.id, name) ?? addEnvironment(state, project, { name });
}

/** GitLab's `last_deployment`: the environment's most recently finished successful deployment. */
export function lastDeployment(state: GitLabState, env: GitLabEnvironment): GitLabDeployment | undefined {
  let last: GitLabDeployment | undefined;
  for (const d of state.deployments.values()) {
    if (d.environmentId !== env.id || d.status !== 'success') continue;
    if (
      last === undefined ||
      (d.finishedAt ?? '') > (last.finishedAt ?? '') ||
      ((d.finishedAt ?? '') === (last.finishedAt ?? '') && d.id > last.id)
    )
      last = d;
  }
  return last;
}
