import { type FastifyRequest } from 'fastify';
import { isRecord, stringField } from '../shared/body.js';
import { bearerToken } from '../shared/http-auth.js';
import { GitLabError } from './errors.js';
import { type AccessToken, type GitLabState } from './gitlab-state.js';
import { AccessLevel, type GitLabIssue, type GitLabProject, type GitLabUser } from './types.js';

/** Who makes a request: a user acting through a token, or nobody (anonymous access to public data). */
export type Actor = { user: GitLabUser; token: AccessToken } | undefined;

/** Which token scopes an endpoint accepts, as GitLab's API declares them. */
const SCOPES = {
  read: ['api', 'read_api'],
  write: ['api'],
  user: ['api', 'read_api', 'read_user'],
} as const;
export type ScopeNeed = keyof typeof SCOPES;

/** `PRIVATE-TOKEN`, `Authorization: Bearer`, or the `private_token` / `access_token` query parameters. */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers['private-token'];
  if (typeof header === 'string' && header !== '') return header;
  const bearer = bearerToken(request.headers.authorization);
  if (bearer !== undefined) return bearer;
  const query = isRecord(request.query) ? request.query : {};
  return stringField(query['private_token']) ?? stringField(query['access_token']);
}

/**
 * Resolves the actor the way GitLab does: unknown token → 401, revoked or expired → 401
 * `invalid_token`, blocked/deactivated user → 403, missing scope → 403 `insufficient_scope`. No
 * token at all is anonymous, which only public data allows (`required` endpoints answer 401).
 */
export function authenticate(state: GitLabState, request: FastifyRequest, need: ScopeNeed, required: boolean): Actor {
  const token = requestToken(request);
  if (token === undefined) {
    if (required) throw GitLabError.unauthorized();
    return undefined;
  }
  const entry = state.tokens.get(token);
  const user = entry === undefined ? undefined : state.users.get(entry.userId);
  if (entry === undefined || user === undefined) throw GitLabError.unauthorized();
  if (entry.revoked)
    throw new GitLabError(401, {
      error: 'invalid_token',
      error_description: 'Token was revoked. You have to re-authorize from the user.',
    });
  if (entry.expiresAt !== undefined && state.now() >= entry.expiresAt) {
    throw new GitLabError(401, {
      error: 'invalid_token',
      error_description: 'Token is expired. You can either do re-authorization or token refresh.',
    });
  }
  if (user.state === 'blocked')
    throw new GitLabError(403, { message: '403 Forbidden - Your account has been blocked.' });
  if (user.state === 'deactivated') {
    throw new GitLabError(403, {
      message:
        '403 Forbidden - Your account has been deactivated by your administrator. Please log back in to reactivate your account.',
    });
  }
  const accepted = SCOPES[need];
  if (!accepted.some((scope) => entry.scopes.has(scope))) throw GitLabError.insufficientScope(accepted);
  return { user, token: entry };
}

/** The actor's role in the project; administrators act as owners everywhere. */
export function accessLevel(actor: Actor, project: GitLabProject): number {
  if (actor === undefined) return 0;
  if (actor.user.isAdmin) return AccessLevel.Owner;
  return project.members.get(actor.user.id) ?? 0;
}

/** Public: anyone; internal: any signed-in user; private: members only. Others get GitLab's 404, not 403. */
export function readableProject(state: GitLabState, actor: Actor, ref: string): GitLabProject {
  const project = state.findProject(ref);
  if (project === undefined) throw GitLabError.notFound('Project');
  const visible =
    project.visibility === 'public' ||
    (project.visibility === 'internal' && actor !== undefined) ||
    accessLevel(actor, project) > 0;
  if (!visible) throw GitLabError.notFound('Project');
  return project;
}

export function requireLevel(actor: Actor, project: GitLabProject, level: number): void {
  if (accessLevel(actor, project) < level) throw GitLabError.forbidden();
}

/**
 * GitLab's `read_build`, `read_environment` and `read_deployment`: Reporter+ in private projects;
 * in public and internal ones anyone who sees the project (public pipelines, GitLab's default).
 */
export function requireReadBuilds(actor: Actor, project: GitLabProject): void {
  if (project.visibility === 'private' && accessLevel(actor, project) < AccessLevel.Reporter)
    throw GitLabError.forbidden();
}

/** Writes need a signed-in user and an unarchived project (archived projects are read-only). */
export function requireWritable(actor: Actor, project: GitLabProject): NonNullable<Actor> {
  if (actor === undefined) throw GitLabError.unauthorized();
  if (project.archived) throw GitLabError.forbidden();
  return actor;
}

/** Confidential issues are visible to their author, assignees and Reporter+ only. */
export function canSeeIssue(actor: Actor, project: GitLabProject, issue: GitLabIssue): boolean {
  if (!issue.confidential) return true;
  if (actor === undefined) return false;
  return (
    issue.authorId === actor.user.id ||
    issue.assigneeIds.includes(actor.user.id) ||
    accessLevel(actor, project) >= AccessLevel.Reporter
  );
}
