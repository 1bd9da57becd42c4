import { projectHookEventFlags } from '@chatops/gitlab';
import { type FastifyInstance } from 'fastify';
import { type CreatedEndpoint, type Endpoint, type Integration, type Project } from '../api-types';
import { type ConsoleContext, ConsolePageError, contextOf } from '../context';
import { CONSOLE_PREFIX, type ConsoleOptions } from '../options';
import { DeleteEndpointPage, EndpointCreatedPage } from '../pages/project-page';
import { sendPage } from '../render';

type Form = Record<string, unknown>;
type IdParams = { Params: { id: string } };

/** How long a just-shown secret stays usable for "Create the webhook in GitLab". */
const FRESH_SECRET_MS = 15 * 60_000;

async function endpointOf(ctx: ConsoleContext, id: string): Promise<{ endpoint: Endpoint; project: Project }> {
  const endpoint = await ctx.admin.get<Endpoint>(`/endpoints/${encodeURIComponent(id)}`);
  return { endpoint, project: await ctx.project(endpoint.projectId) };
}

/** Creating endpoints (secret shown once), registering them in GitLab, disabling, deleting. */
export async function endpointRoutes(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const now = options.now ?? Date.now;

  app.post<{ Params: { projectId: string } }>('/projects/:projectId/endpoints', async (request, reply) => {
    const ctx = contextOf(request);
    const project = await ctx.project(request.params.projectId);
    const form = request.body as Form;
    const created = await ctx.admin.post<CreatedEndpoint>(`/projects/${project.id}/endpoints`, {
      description: typeof form['description'] === 'string' ? form['description'].trim() : '',
      signing: form['signing'] === 'on',
    });
    request.session.set('freshSecret', {
      endpointId: created.id,
      secret: created.secret,
      until: now() + FRESH_SECRET_MS,
    });
    return sendPage(reply, <EndpointCreatedPage chrome={ctx.chrome} project={project} created={created} />, 201);
  });

  // As the signed-in maintainer: GitLab checks their role, and the hook sends exactly the events
  // the project's active integrations route. The secret is the one just shown, or a new one.
  app.post<IdParams>('/endpoints/:id/gitlab-hook', async (request, reply) => {
    const ctx = contextOf(request);
    const { endpoint, project } = await endpointOf(ctx, request.params.id);
    if (endpoint.scope !== 'project')
      throw new ConsolePageError(
        400,
        'Not a project endpoint',
        "A group endpoint belongs in the group's own Settings › Webhooks; the console registers project hooks.",
      );
    const integrations = await ctx.admin.get<{ items: Integration[] }>(`/projects/${project.id}/integrations`);
    const events = projectHookEventFlags(
      integrations.items.filter((i) => i.active).flatMap((i) => Object.keys(i.events)),
    );
    if (!Object.values(events).some(Boolean))
      throw new ConsolePageError(
        400,
        'Nothing to send',
        'No active integration of this project routes an event GitLab sends by webhook: create an integration first.',
      );
    const fresh = request.session.get('freshSecret');
    let secret: string;
    if (fresh && fresh.endpointId === endpoint.id && fresh.until > now()) secret = fresh.secret;
    else if ((request.body as Form)['rotate'] === 'on')
      secret = (await ctx.admin.post<CreatedEndpoint>(`/endpoints/${endpoint.id}/rotate-secret`, {})).secret;
    else
      throw new ConsolePageError(
        400,
        'Secret no longer at hand',
        "The secret token is only kept for a few minutes after it is shown. Use the project page's button, which issues a new one.",
      );
    request.session.set('freshSecret', undefined);
    const existing = (await ctx.gitlab.projectHooks(project.gitlabProjectId)).find((h) => h.url === endpoint.url);
    const hook = { url: endpoint.url, token: secret, events };
    const saved = existing
      ? await ctx.gitlab.editProjectHook(project.gitlabProjectId, existing.id, hook)
      : await ctx.gitlab.addProjectHook(project.gitlabProjectId, hook);
    const on = Object.entries(events)
      .filter(([, value]) => value)
      .map(([flag]) => flag.replace(/_events$/, '').replace(/_/g, ' '));
    request.session.set(
      'notice',
      `${existing ? 'Updated' : 'Created'} GitLab hook #${saved.id} on ${project.pathWithNamespace}: ${on.join(', ')}.`,
    );
    return reply.redirect(`${CONSOLE_PREFIX}/projects/${project.id}`, 303);
  });

  for (const action of ['enable', 'disable'] as const) {
    app.post<IdParams>(`/endpoints/:id/${action}`, async (request, reply) => {
      const ctx = contextOf(request);
      const { endpoint, project } = await endpointOf(ctx, request.params.id);
      await ctx.admin.post(`/endpoints/${endpoint.id}/${action}`, {});
      request.session.set('notice', `Endpoint ${action}d.`);
      return reply.redirect(`${CONSOLE_PREFIX}/projects/${project.id}`, 303);
    });
  }

  app.get<IdParams>('/endpoints/:id/delete', async (request, reply) => {
    const ctx = contextOf(request);
    const { endpoint, project } = await endpointOf(ctx, request.params.id);
    return sendPage(reply, <DeleteEndpointPage chrome={ctx.chrome} project={project} endpoint={endpoint} />);
  });

  app.post<IdParams>('/endpoints/:id/delete', async (request, reply) => {
    const ctx = contextOf(request);
    const { endpoint, project } = await endpointOf(ctx, request.params.id);
    await ctx.admin.delete(`/endpoints/${endpoint.id}`);
    request.session.set('notice', 'Endpoint deleted. Remove its hook in GitLab too.');
    return reply.redirect(`${CONSOLE_PREFIX}/projects/${project.id}`, 303);
  });
}
