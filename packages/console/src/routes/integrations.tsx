import { type FastifyInstance, type FastifyReply } from 'fastify';
import { AdminRefusal } from '../admin-calls';
import {
  type Integration,
  type MattermostConnection,
  type Project,
  type SlackInstallation,
  type TestReport,
} from '../api-types';
import { type ConsoleContext, contextOf } from '../context';
import {
  formValuesOf,
  formValuesOfPosted,
  integrationBodyOf,
  type IntegrationFormValues,
  NEW_INTEGRATION,
} from '../integration-form';
import { CONSOLE_PREFIX } from '../options';
import { DeleteIntegrationPage, IntegrationPage } from '../pages/integration-page';
import { sendPage } from '../render';

type Form = Record<string, unknown>;
type IdParams = { Params: { id: string } };

/** The integration and its project, once the user is known to manage that project. */
export async function integrationOf(
  ctx: ConsoleContext,
  id: string,
): Promise<{ integration: Integration; project: Project }> {
  const integration = await ctx.admin.get<Integration>(`/integrations/${encodeURIComponent(id)}`);
  return { integration, project: await ctx.project(integration.projectId) };
}

async function destinations(ctx: ConsoleContext) {
  const [installations, connections] = await Promise.all([
    ctx.admin.get<{ items: SlackInstallation[] }>('/slack/installations'),
    ctx.admin.get<{ items: MattermostConnection[] }>('/mattermost/connections'),
  ]);
  return { installations: installations.items.filter((i) => !i.revokedAt), connections: connections.items };
}

/** Integration pages: the settings form (new and existing), Test settings, enable/disable, delete. */
export async function integrationRoutes(app: FastifyInstance): Promise<void> {
  async function showForm(
    reply: FastifyReply,
    ctx: ConsoleContext,
    project: Project,
    values: IntegrationFormValues,
    extra: { integration?: Integration; refusal?: AdminRefusal; testReport?: TestReport } = {},
  ) {
    const { refusal } = extra;
    return sendPage(
      reply,
      <IntegrationPage
        chrome={ctx.chrome}
        project={project}
        integration={extra.integration && { id: extra.integration.id, active: extra.integration.active }}
        values={values}
        {...await destinations(ctx)}
        error={refusal && { message: refusal.message, fields: refusal.fields }}
        testReport={extra.testReport}
      />,
      refusal ? refusal.status : 200,
    );
  }

  app.get<{ Params: { projectId: string } }>('/projects/:projectId/integrations/new', async (request, reply) => {
    const ctx = contextOf(request);
    return showForm(reply, ctx, await ctx.project(request.params.projectId), NEW_INTEGRATION);
  });

  app.post<{ Params: { projectId: string } }>('/projects/:projectId/integrations', async (request, reply) => {
    const ctx = contextOf(request);
    const project = await ctx.project(request.params.projectId);
    const form = request.body as Form;
    try {
      const created = await ctx.admin.post<Integration>(
        `/projects/${project.id}/integrations`,
        integrationBodyOf(form),
      );
      request.session.set('notice', `Integration ${created.name} created.`);
      return reply.redirect(`${CONSOLE_PREFIX}/integrations/${created.id}`, 303);
    } catch (error) {
      if (!(error instanceof AdminRefusal) || error.status >= 500) throw error;
      return showForm(reply, ctx, project, formValuesOfPosted(form), { refusal: error });
    }
  });

  app.get<IdParams>('/integrations/:id', async (request, reply) => {
    const ctx = contextOf(request);
    const { integration, project } = await integrationOf(ctx, request.params.id);
    return showForm(reply, ctx, project, formValuesOf(integration), { integration });
  });

  // Save, or save and test: Test settings tries what the form says, so it is saved first.
  for (const test of [false, true]) {
    app.post<IdParams>(`/integrations/:id${test ? '/test' : ''}`, async (request, reply) => {
      const ctx = contextOf(request);
      const { integration, project } = await integrationOf(ctx, request.params.id);
      const form = request.body as Form;
      let saved: Integration;
      try {
        saved = await ctx.admin.patch<Integration>(
          `/integrations/${integration.id}`,
          integrationBodyOf(form, integration),
        );
      } catch (error) {
        if (!(error instanceof AdminRefusal) || error.status >= 500) throw error;
        return showForm(reply, ctx, project, formValuesOfPosted(form, integration), { integration, refusal: error });
      }
      if (!test) {
        request.session.set('notice', 'Changes saved.');
        return reply.redirect(`${CONSOLE_PREFIX}/integrations/${saved.id}`, 303);
      }
      const testReport = await ctx.admin.post<TestReport>(`/integrations/${saved.id}/test`);
      return showForm(reply, ctx, project, formValuesOf(saved), { integration: saved, testReport });
    });
  }

  for (const [action, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post<IdParams>(`/integrations/:id/${action}`, async (request, reply) => {
      const ctx = contextOf(request);
      const { integration } = await integrationOf(ctx, request.params.id);
      await ctx.admin.patch(`/integrations/${integration.id}`, { active });
      request.session.set('notice', `Integration ${integration.name} ${active ? 'enabled' : 'disabled'}.`);
      return reply.redirect(`${CONSOLE_PREFIX}/integrations/${integration.id}`, 303);
    });
  }

  app.get<IdParams>('/integrations/:id/delete', async (request, reply) => {
    const ctx = contextOf(request);
    const { integration, project } = await integrationOf(ctx, request.params.id);
    return sendPage(reply, <DeleteIntegrationPage chrome={ctx.chrome} integration={integration} project={project} />);
  });

  app.post<IdParams>('/integrations/:id/delete', async (request, reply) => {
    const ctx = contextOf(request);
    const { integration, project } = await integrationOf(ctx, request.params.id);
    await ctx.admin.delete(`/integrations/${integration.id}`);
    request.session.set('notice', `Integration ${integration.name} deleted.`);
    return reply.redirect(`${CONSOLE_PREFIX}/projects/${project.id}`, 303);
  });
}
