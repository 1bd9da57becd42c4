import { deliveryStats } from '@chatops/db';
import { queueCounts } from '@chatops/jobs';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { statsQuery, statsView } from '../schemas/stats';

/** What a dashboard shows at a glance: recent deliveries, the job queues, the slowest channels. */
export async function statsRoutes(app: FastifyInstance, { db, queues }: AdminApiOptions): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/stats',
    {
      schema: {
        tags: ['stats'],
        summary: 'Deliveries of the last hour and day, job queue counts, the slowest channels',
        description:
          'Computed on each request from the delivery log (PostgreSQL) and the queues (Redis); the windows end ' +
          'at `generatedAt`. `projectIds` narrows the deliveries to some projects, never the queues.',
        querystring: statsQuery,
        response: responses({ status: 200, description: 'The statistics', schema: statsView }, [400, 503]),
      },
    },
    async (request) => {
      const now = new Date();
      const [deliveries, queueStates] = await Promise.all([
        deliveryStats(db, { now, projectIds: request.query.projectIds }),
        queueCounts(queues),
      ]);
      return { generatedAt: now.toISOString(), ...deliveries, queues: queueStates };
    },
  );
}
