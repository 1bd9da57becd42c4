import { type FastifyInstance } from 'fastify';
import { bearerAuth } from './auth';
import { adminErrorHandler } from './errors';
import { type AdminApiOptions } from './options';
import { chatAccessRoutes } from './routes/chat-access';
import { deliveryRoutes } from './routes/deliveries';
import { endpointRoutes } from './routes/endpoints';
import { eventRoutes } from './routes/events';
import { testSettingsRoutes } from './routes/test-settings';
import { integrationRoutes } from './routes/integrations';
import { openApiRoutes } from './routes/openapi';
import { projectRoutes } from './routes/projects';

export const ADMIN_PREFIX = '/api/v1';

/**
 * The admin REST API under /api/v1: projects, endpoints, integrations, their test, the delivery
 * log and dead-letter replay, project aliases, linked chat users, Mattermost slash commands, and
 * the OpenAPI document describing them. Every route needs
 * `Authorization: Bearer <ADMIN_TOKEN>`. Encapsulated: its hook and error handler stay inside.
 */
export async function adminApi(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  await app.register(
    async (api) => {
      api.addHook('onRequest', bearerAuth(options.adminToken));
      api.setErrorHandler(adminErrorHandler);
      for (const routes of [
        openApiRoutes,
        projectRoutes,
        endpointRoutes,
        integrationRoutes,
        testSettingsRoutes,
        deliveryRoutes,
        eventRoutes,
        chatAccessRoutes,
      ]) {
        await api.register(routes, options);
      }
    },
    { prefix: ADMIN_PREFIX },
  );
}
