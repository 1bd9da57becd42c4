import { findIntegrationWithDestination } from '@chatops/db';
import { testIntegration } from '@chatops/integrations';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams } from '../schemas/common';
import { integrationTestReport } from '../schemas/integration';

/**
 * "Test settings": a short message to every configured channel (at most ten), and per channel
 * whether it arrived, with GitLab's advice when the app is missing from private channels or must
 * be reinstalled. Answers 200 whatever the outcome: the test itself ran.
 */
export async function testSettingsRoutes(app: FastifyInstance, { db, box, senders }: AdminApiOptions): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/integrations/:id/test',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Test settings: post a test message to every configured channel',
        params: idParams,
        response: responses(
          { status: 200, description: 'Per-channel outcome', schema: integrationTestReport },
          [400, 404],
        ),
      },
    },
    async (request) => {
      const { id } = request.params;
      const integration = await findIntegrationWithDestination(db, id);
      if (!integration) throw notFound('integration', id);
      const report = await testIntegration(box, integration, senders);
      request.log.info(
        { integrationId: id, ok: report.ok, failed: report.results.filter((r) => !r.ok).map((r) => r.error) },
        'integration tested',
      );
      return report;
    },
  );
}
