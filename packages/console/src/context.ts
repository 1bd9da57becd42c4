import { type GitLabApi } from '@chatops/gitlab';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { AdminCalls } from './admin-calls';
import { type ConsoleUser } from './auth/session-data';
import { type ProjectAccess } from './auth/project-access';
import { type AdminClient } from './admin-client';
import { type Chrome } from './pages/layout';
import { type Project } from './api-types';
import { type GitLabClient } from '@chatops/gitlab';

/** What every signed-in page works with: the user, the admin API as them, GitLab as them. */
export interface ConsoleContext {
  user: ConsoleUser;
  admin: AdminCalls;
  gitlab: GitLabApi;
  chrome: Chrome;
  /** The chatops projects this user may manage (all, for an administrator). */
  projects(): Promise<Project[]>;
  /** The project, if it exists and this user may manage it; a refusal page otherwise. */
  project(projectId: string): Promise<Project>;
}

/** Thrown to answer with a plain page: not found, or not yours. */
export class ConsolePageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ContextDeps {
  admin: AdminClient;
  gitlab: GitLabClient;
  access: ProjectAccess;
}

export function buildContext(
  deps: ContextDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  user: ConsoleUser,
  accessToken: string,
): ConsoleContext {
  const admin = new AdminCalls(deps.admin, `gitlab:${user.username}`);
  const notice = request.session.get('notice');
  if (notice) request.session.set('notice', undefined);
  const projects = async () => {
    const all = (await admin.get<{ items: Project[] }>('/projects')).items;
    const allowed = await deps.access.maintained(user, accessToken);
    return allowed === 'all' ? all : all.filter((p) => allowed.has(p.gitlabProjectId));
  };
  return {
    user,
    admin,
    gitlab: deps.gitlab.asUser(accessToken),
    chrome: { user, csrf: reply.generateCsrf(), notice },
    projects,
    async project(projectId) {
      const all = (await admin.get<{ items: Project[] }>('/projects')).items;
      const project = all.find((p) => p.id === projectId);
      if (!project) throw new ConsolePageError(404, 'Not found', `no project with id ${projectId}`);
      const allowed = await deps.access.maintained(user, accessToken);
      if (allowed !== 'all' && !allowed.has(project.gitlabProjectId))
        throw new ConsolePageError(
          403,
          'Not yours',
          `You are not a Maintainer or Owner of ${project.pathWithNamespace} in GitLab, so you cannot manage its integrations.`,
        );
      return project;
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleContext: ConsoleContext | null;
  }
}

export function contextOf(request: FastifyRequest): ConsoleContext {
  if (!request.consoleContext) throw new Error('console route without a signed-in context');
  return request.consoleContext;
}
