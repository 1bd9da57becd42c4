import { AppError, ErrorCode } from '@chatops/errors';
import { listFailedEvents, retryFailedEvent } from '@chatops/jobs';
import { type FastifyInstance } from 'fastify';
import { notFound, parseInput } from '../errors';
import { type AdminApiOptions } from '../options';
import { idParams } from '../schemas/common';
import { failedEventsQuery } from '../schemas/event';

/**
 * GitLab events whose routing failed for good (PostgreSQL down through every try, say): the
 * `events` jobs the queue keeps for a week, and running one again.
 */
export async function eventRoutes(app: FastifyInstance, { queues }: AdminApiOptions): Promise<void> {
  app.get('/events/failed', async (request) => {
    const { limit } = parseInput(failedEventsQuery, request.query);
    return { items: await listFailedEvents(queues, limit) };
  });

  app.post('/events/failed/:id/retry', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const result = await retryFailedEvent(queues, id);
    if (result === 'missing') throw notFound('failed event', id);
    if (result === 'not_failed')
      throw new AppError(ErrorCode.Conflict, `event job ${id} has not failed: only failed events can be retried`);
    return reply.status(202).send({ jobId: id, status: 'waiting' });
  });
}
