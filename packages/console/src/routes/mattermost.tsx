import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AdminRefusal } from '../admin-calls';
import {
  type CommandDeletion,
  type CommandSuggestion,
  type MattermostCommand,
  type MattermostConnection,
  type MattermostTeam,
  type Project,
} from '../api-types';
import { type ConsoleContext, contextOf } from '../context';
import { CONSOLE_PREFIX } from '../options';
import { type ConnectionTeams, MattermostPage } from '../pages/mattermost-page';
import { sendPage } from '../render';
import { requireAdmin } from './require-admin';

type Form = Record<string, string | undefined>;
type Scope = { project: Project | null; base: string };

async function servers(ctx: ConsoleContext): Promise<ConnectionTeams[]> {
  const { items } = await ctx.admin.get<{ items: MattermostConnection[] }>('/mattermost/connections');
  return Promise.all(
    items.map(async (connection) => {
      try {
        const teams = await ctx.admin.get<{ items: MattermostTeam[] }>(
          `/mattermost/connections/${connection.id}/teams`,
        );
        return { connection, teams: teams.items };
      } catch (error) {
        if (error instanceof AdminRefusal) return { connection, teams: error.message };
        throw error;
      }
    }),
  );
}

/** The Mattermost slash command of one project, or the shared `/gitlab` one (administrators). */
export async function mattermostRoutes(app: FastifyInstance): Promise<void> {
  async function show(reply: FastifyReply, ctx: ConsoleContext, scope: Scope, refusal?: AdminRefusal) {
    const projectId = scope.project?.id;
    const [suggestion, all, connected] = await Promise.all([
      ctx.admin.get<CommandSuggestion>('/mattermost/command-suggestion', projectId ? { projectId } : {}),
      ctx.admin.get<{ items: MattermostCommand[] }>('/mattermost/commands'),
      servers(ctx),
    ]);
    return sendPage(
      reply,
      <MattermostPage
        chrome={ctx.chrome}
        project={scope.project}
        suggestion={suggestion}
        servers={connected}
        commands={all.items.filter((c) => c.projectId === (projectId ?? null))}
        error={refusal && { message: refusal.message, fields: refusal.fields }}
      />,
      refusal ? refusal.status : 200,
    );
  }

  /** Runs a change, then back to the page with a notice, or the page again with the API's refusal. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: Scope,
    run: (ctx: ConsoleContext) => Promise<string>,
  ) {
    const ctx = contextOf(request);
    try {
      request.session.set('notice', await run(ctx));
      return reply.redirect(scope.base, 303);
    } catch (error) {
      if (!(error instanceof AdminRefusal) || error.status >= 500) throw error;
      return show(reply, ctx, scope, error);
    }
  }

  function routes(path: string, scopeOf: (request: FastifyRequest) => Promise<Scope>, admin: boolean) {
    const options = admin ? { preHandler: requireAdmin } : {};
    app.get(path, options, async (request, reply) => show(reply, contextOf(request), await scopeOf(request)));

    app.post(`${path}/create`, options, async (request, reply) => {
      const scope = await scopeOf(request);
      const form = request.body as Form;
      return change(request, reply, scope, async (ctx) => {
        const created = await ctx.admin.post<MattermostCommand>(
          `/mattermost/connections/${encodeURIComponent(form['connectionId'] ?? '')}/commands`,
          { teamId: form['teamId'] ?? '', ...(scope.project ? { projectId: scope.project.id } : {}) },
        );
        return `Created /${created.trigger} in Mattermost.`;
      });
    });

    app.post(`${path}/register`, options, async (request, reply) => {
      const scope = await scopeOf(request);
      const form = request.body as Form;
      return change(request, reply, scope, async (ctx) => {
        const registered = await ctx.admin.post<MattermostCommand>('/mattermost/commands', {
          connectionId: form['connectionId'] ?? '',
          teamId: (form['teamId'] ?? '').trim(),
          trigger: (form['trigger'] ?? '').trim(),
          token: (form['token'] ?? '').trim(),
          ...(scope.project ? { projectId: scope.project.id } : {}),
        });
        return `Registered /${registered.trigger.replace(/^\//, '')}.`;
      });
    });

    app.post<{ Params: { commandId: string } }>(
      `${path}/commands/:commandId/delete`,
      options,
      async (request, reply) => {
        const scope = await scopeOf(request);
        return change(request, reply, scope, async (ctx) => {
          // Only a command of this page's project (or the shared one): a maintainer cannot reach another's.
          const { items } = await ctx.admin.get<{ items: MattermostCommand[] }>('/mattermost/commands');
          const command = items.find(
            (c) => c.id === request.params.commandId && c.projectId === (scope.project?.id ?? null),
          );
          if (!command)
            throw new AdminRefusal(404, 'not_found', `no such command here: ${request.params.commandId}`, []);
          const deletion = (await ctx.admin.delete(`/mattermost/commands/${command.id}`)) as CommandDeletion | null;
          return deletion?.message ?? `Removed /${command.trigger}.`;
        });
      },
    );
  }

  routes(
    '/projects/:projectId/mattermost',
    async (request) => {
      const project = await contextOf(request).project((request.params as { projectId: string }).projectId);
      return { project, base: `${CONSOLE_PREFIX}/projects/${project.id}/mattermost` };
    },
    false,
  );
  routes('/mattermost', async () => ({ project: null, base: `${CONSOLE_PREFIX}/mattermost` }), true);
}
