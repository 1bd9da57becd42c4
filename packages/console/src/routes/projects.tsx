import { AccessLevel, accessLevelOf, type ApiProject, type ApiProjectHook } from '@chatops/gitlab';
import { type FastifyInstance } from 'fastify';
import { AdminRefusal } from '../admin-calls';
import { type Alias, type Endpoint, type FailedEvent, type Integration, type Project } from '../api-types';
import { type ConsoleContext, ConsolePageError, contextOf } from '../context';
import { endpointHealth } from '../endpoint-health';
import { CONSOLE_PREFIX, type ConsoleOptions } from '../options';
import { type EndpointRow, ProjectPage } from '../pages/project-page';
import { ProjectsPage, SearchResults } from '../pages/projects-page';
import { sendFragment, sendPage } from '../render';

type Form = Record<string, unknown>;
type ProjectParams = { Params: { projectId: string } };
const SEARCH_LIMIT = 20;

const field = (form: Form, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
const searchOf = (query: unknown) => {
  const value = (query as Record<string, unknown>)['search'];
  return typeof value === 'string' ? value.trim().slice(0, 100) : '';
};

/** GitLab's projects the user could add: any, for an administrator; those they maintain, otherwise. */
function searchGitLab(ctx: ConsoleContext, search: string): Promise<ApiProject[]> {
  return ctx.gitlab.searchProjects(search, {
    limit: SEARCH_LIMIT,
    ...(ctx.user.isAdmin ? {} : { minAccessLevel: AccessLevel.Maintainer }),
  });
}

/** The project's hooks in GitLab, or why GitLab could not be asked (the page still shows). */
async function gitlabHooks(ctx: ConsoleContext, project: Project): Promise<ApiProjectHook[] | string> {
  try {
    return await ctx.gitlab.projectHooks(project.gitlabProjectId);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The projects list with GitLab search-as-you-type, adding a project, and a project's page. */
export async function projectRoutes(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const now = options.now ?? Date.now;

  app.get('/projects', async (request, reply) => {
    const ctx = contextOf(request);
    const search = searchOf(request.query);
    const [projects, results] = await Promise.all([ctx.projects(), searchGitLab(ctx, search)]);
    return sendPage(reply, <ProjectsPage chrome={ctx.chrome} projects={projects} search={search} results={results} />);
  });

  // The results list alone, for the page's script (search as you type).
  app.get('/projects/search', async (request, reply) => {
    const ctx = contextOf(request);
    const search = searchOf(request.query);
    const [projects, results] = await Promise.all([ctx.projects(), searchGitLab(ctx, search)]);
    return sendFragment(
      reply,
      <SearchResults chrome={ctx.chrome} results={results} added={projects} search={search} />,
    );
  });

  app.post('/projects', async (request, reply) => {
    const ctx = contextOf(request);
    const gitlabProjectId = Number(field(request.body as Form, 'gitlabProjectId'));
    if (!Number.isSafeInteger(gitlabProjectId) || gitlabProjectId <= 0)
      throw new ConsolePageError(400, 'Bad request', 'gitlabProjectId: must be a GitLab project id');
    // Asked as the user: GitLab says whether they may see it, and with which role.
    const gitlab = await ctx.gitlab.project(gitlabProjectId);
    if (!ctx.user.isAdmin && accessLevelOf(gitlab) < AccessLevel.Maintainer)
      throw new ConsolePageError(
        403,
        'Not yours',
        `You are not a Maintainer or Owner of ${gitlab.path_with_namespace} in GitLab, so you cannot add it.`,
      );
    try {
      const created = await ctx.admin.post<Project>('/projects', {
        gitlabProjectId: gitlab.id,
        pathWithNamespace: gitlab.path_with_namespace,
        name: gitlab.name_with_namespace,
        webUrl: gitlab.web_url,
        defaultBranch: gitlab.default_branch ?? 'main',
      });
      request.session.set('notice', `${created.pathWithNamespace} added. Next: an integration and an endpoint.`);
      return reply.redirect(`${CONSOLE_PREFIX}/projects/${created.id}`, 303);
    } catch (error) {
      if (!(error instanceof AdminRefusal) || error.status >= 500) throw error;
      const projects = await ctx.projects();
      return sendPage(
        reply,
        <ProjectsPage chrome={ctx.chrome} projects={projects} search="" results={[]} error={error.message} />,
        error.status,
      );
    }
  });

  app.get<ProjectParams>('/projects/:projectId', async (request, reply) => {
    const ctx = contextOf(request);
    const project = await ctx.project(request.params.projectId);
    const path = `/projects/${project.id}`;
    const [integrations, endpoints, aliases, failed, hooks] = await Promise.all([
      ctx.admin.get<{ items: Integration[] }>(`${path}/integrations`),
      ctx.admin.get<{ items: Endpoint[] }>(`${path}/endpoints`),
      ctx.admin.get<{ items: Alias[] }>(`${path}/aliases`),
      ctx.admin.get<{ items: FailedEvent[] }>('/events/failed', { limit: 200 }),
      gitlabHooks(ctx, project),
    ]);
    const rows: EndpointRow[] = endpoints.items.map((endpoint) => {
      const hook = typeof hooks === 'string' ? 'unknown' : hooks.find((h) => h.url === endpoint.url);
      const failures = failed.items.filter((f) => f.endpointId === endpoint.id).length;
      return {
        endpoint,
        health: endpointHealth(endpoint, hook, failures, now()),
        gitlabHook: hook === 'unknown' ? 'unknown' : hook ? { id: hook.id } : null,
      };
    });
    return sendPage(
      reply,
      <ProjectPage
        chrome={ctx.chrome}
        project={project}
        integrations={integrations.items}
        endpoints={rows}
        aliases={aliases.items}
        gitlabProblem={typeof hooks === 'string' ? hooks : undefined}
      />,
    );
  });

  app.post<ProjectParams>('/projects/:projectId/aliases', async (request, reply) => {
    const ctx = contextOf(request);
    const project = await ctx.project(request.params.projectId);
    const alias = field(request.body as Form, 'alias');
    await ctx.admin.post(`/projects/${project.id}/aliases`, { alias });
    request.session.set('notice', `Alias ${alias} added.`);
    return reply.redirect(`${CONSOLE_PREFIX}/projects/${project.id}`, 303);
  });

  app.post<{ Params: { projectId: string; alias: string } }>(
    '/projects/:projectId/aliases/:alias/delete',
    async (request, reply) => {
      const ctx = contextOf(request);
      const project = await ctx.project(request.params.projectId);
      await ctx.admin.delete(`/projects/${project.id}/aliases/${encodeURIComponent(request.params.alias)}`);
      request.session.set('notice', `Alias ${request.params.alias} removed.`);
      return reply.redirect(`${CONSOLE_PREFIX}/projects/${project.id}`, 303);
    },
  );
}
