import { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { checkActorHeader } from './audit-actor';
import { bearerAuth } from './auth';
import { adminErrorHandler } from './errors';
import { openApiDocsRoutes, openApiGenerator } from './openapi';
import { type AdminApiOptions } from './options';
import { zodValidatorCompiler } from './route-schema';
import { alertRoutes } from './routes/alerts';
import { auditRoutes } from './routes/audit';
import { chatAccessRoutes } from './routes/chat-access';
import { deliveryRoutes } from './routes/deliveries';
import { destinationRoutes } from './routes/destinations';
import { endpointRoutes } from './routes/endpoints';
import { eventRoutes } from './routes/events';
import { testSettingsRoutes } from './routes/test-settings';
import { integrationRoutes } from './routes/integrations';
import { mattermostCommandRoutes } from './routes/mattermost-commands';
import { projectRoutes } from './routes/projects';
import { slackAppRoutes } from './routes/slack-app';
import { slackDoctorRoutes } from './routes/slack-doctor';
import { slackInstallRequestRoutes } from './routes/slack-install-requests';
import { slackManifestRoutes } from './routes/slack-manifest';
import { statsRoutes } from './routes/stats';

export const ADMIN_PREFIX = '/api/v1';

/**
 * The admin REST API under /api/v1: projects, endpoints, integrations, their test, the delivery
 * log and dead-letter replay, project aliases, linked chat users, Mattermost slash commands,
 * Slack installations and Mattermost connections, the audit log, statistics, and
 * the OpenAPI document describing them, generated from the zod schemas each route validates its
 * input and serializes its answers with. Every route but the document and its viewer needs
 * `Authorization: Bearer <ADMIN_TOKEN>`, and may name who it acts for in `X-Chatops-Actor` (the
 * actor of the audit entries it writes: see audit-actor.ts). Encapsulated: its hooks, compilers
 * and error handler stay inside.
 */
export async function adminApi(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  await app.register(
    async (admin) => {
      admin.setValidatorCompiler(zodValidatorCompiler);
      admin.setSerializerCompiler(serializerCompiler);
      admin.setErrorHandler(adminErrorHandler);
      // First, so that it sees every route registered below.
      await openApiGenerator(admin, ADMIN_PREFIX);
      await admin.register(openApiDocsRoutes);
      await admin.register(async (api) => {
        api.addHook('onRequest', bearerAuth(options.adminToken));
        api.addHook('onRequest', checkActorHeader);
        for (const routes of [
          projectRoutes,
          endpointRoutes,
          integrationRoutes,
          testSettingsRoutes,
          deliveryRoutes,
          eventRoutes,
          chatAccessRoutes,
          mattermostCommandRoutes,
          destinationRoutes,
          slackManifestRoutes,
          slackAppRoutes,
          slackInstallRequestRoutes,
          slackDoctorRoutes,
          alertRoutes,
          auditRoutes,
          statsRoutes,
        ]) {
          await api.register(routes, options);
        }
      });
    },
    { prefix: ADMIN_PREFIX },
  );
}
