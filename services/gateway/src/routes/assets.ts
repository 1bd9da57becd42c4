import { MATTERMOST_ICON_PATH } from '@chatops/integrations';
import { type FastifyInstance } from 'fastify';
import { mattermostIconPng } from './mattermost-icon';

/**
 * Public files chatops hands out the URL of: the icon of the Mattermost commands it suggests
 * (Mattermost shows it next to each answer, fetched by users' browsers, so no authentication).
 */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const icon = mattermostIconPng();
  app.get(MATTERMOST_ICON_PATH, async (_request, reply) =>
    reply.type('image/png').header('cache-control', 'public, max-age=86400').send(icon),
  );
}
