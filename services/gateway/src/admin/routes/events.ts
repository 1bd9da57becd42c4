import { AppError, ErrorCode } from '@chatops/errors';
import { listFailedEvents, retryFailedEvent } from '@chatops/jobs';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams, listOf } from '../schemas/common';
import { failedEventsQuery, failedEventView, retriedEventView } from '../schemas/event';

/**
 * GitLab events whose routing failed for good (PostgreSQL down through every try, say): the
 * `events` jobs the queue keeps for a week, and running one again.
 */
export async function eventRoutes(app: FastifyInstance, { queues }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];

  api.get(
    '/events/failed',
    {
      schema: {
        tags,
        summary: 'GitLab events whose routing failed for good (kept a week), newest first',
        querystring: failedEventsQuery,
        response: responses({ status: 200, description: 'Failed events', schema: listOf(failedEventView) }, [400, 503]),
      },
    },
    async (request) => ({ items: await listFailedEvents(queues, request.query.limit) }),
  );

  api.post(
    '/events/failed/:id/retry',
    {
      schema: {
        tags,
        summary: 'Route a failed event again, with all its tries (deliveries it planned already are not posted twice)',
        params: idParams,
        response: responses(
          { status: 202, description: 'Back in the queue', schema: retriedEventView },
          [400, 404, 409, 503],
        ),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await retryFailedEvent(queues, id);
      if (result === 'missing') throw notFound('failed event', id);
      if (result === 'not_failed')
        throw new AppError(ErrorCode.Conflict, `event job ${id} has not failed: only failed events can be retried`);
      return reply.status(202).send({ jobId: id, status: 'waiting' as const });
    },
  );
}
