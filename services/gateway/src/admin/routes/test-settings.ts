import { findIntegrationWithDestination } from '@chatops/db';
import { testIntegration } from '@chatops/integrations';
import { type FastifyInstance } from 'fastify';
import { notFound, parseInput } from '../errors';
import { type AdminApiOptions } from '../options';
import { idParams } from '../schemas/common';

/**
 * "Test settings": a short message to every configured channel (at most ten), and per channel
 * whether it arrived, with GitLab's advice when the app is missing from private channels or must
 * be reinstalled. Answers 200 whatever the outcome: the test itself ran.
 */
export async function testSettingsRoutes(app: FastifyInstance, { db, box, senders }: AdminApiOptions): Promise<void> {
  app.post('/integrations/:id/test', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const integration = await findIntegrationWithDestination(db, id);
    if (!integration) throw notFound('integration', id);
    const report = await testIntegration(box, integration, senders);
    request.log.info(
      { integrationId: id, ok: report.ok, failed: report.results.filter((r) => !r.ok).map((r) => r.error) },
      'integration tested',
    );
    return report;
  });
}
