import {
  findIntegrationWithRoutes,
  listDeadLetters,
  listIntegrationDeliveries,
  prepareDeliveryReplay,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { QueueName } from '@chatops/jobs';
import { type FastifyInstance } from 'fastify';
import { notFound, parseInput } from '../errors';
import { ADMIN_ACTOR, type AdminApiOptions } from '../options';
import { idParams, pageQuery } from '../schemas/common';
import { deliveriesQuery } from '../schemas/delivery';
import { deliveryView } from '../views';

/** The delivery log per integration, the dead letters, and replaying one. */
export async function deliveryRoutes(app: FastifyInstance, { db, queues }: AdminApiOptions): Promise<void> {
  app.get('/integrations/:id/deliveries', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const query = parseInput(deliveriesQuery, request.query);
    if (!(await findIntegrationWithRoutes(db, id))) throw notFound('integration', id);
    const page = await listIntegrationDeliveries(db, id, query);
    return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
  });

  app.get('/deliveries/dead-letters', async (request) => {
    const page = await listDeadLetters(db, parseInput(pageQuery, request.query));
    return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
  });

  app.post('/deliveries/:id/replay', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const prepared = await prepareDeliveryReplay(db, id, { actor: ADMIN_ACTOR });
    if (prepared.kind === 'missing') throw notFound('delivery', id);
    if (prepared.kind === 'refused')
      throw new AppError(
        ErrorCode.Conflict,
        prepared.status === 'skipped'
          ? `delivery ${id} was skipped by the integration's settings (its lastErrorMessage says why): there is nothing to replay; change the settings and let GitLab send the event again`
          : `delivery ${id} is ${prepared.status}: only pending or failed deliveries can be replayed`,
      );
    // Under the delivery's own id, as every job of a delivery: one still waiting is kept (a second
    // replay adds nothing), a failed one is replaced, and the sweeper can tell it is held.
    const { jobId } = await queues.requeue(
      QueueName.Deliveries,
      { deliveryId: id, meta: { requestId: request.id } },
      id,
    );
    return reply.status(202).send({ id, status: 'pending', jobId });
  });
}
