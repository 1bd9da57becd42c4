import {
  findIntegrationWithRoutes,
  listDeadLetters,
  listIntegrationDeliveries,
  prepareDeliveryReplay,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { QueueName } from '@chatops/jobs';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { auditActor } from '../audit-actor';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams } from '../schemas/common';
import { deadLettersQuery, deliveriesQuery, deliveryPage, replayView } from '../schemas/delivery';
import { toDeliveryView } from '../views';

/** The delivery log per integration, the dead letters, and replaying one. */
export async function deliveryRoutes(app: FastifyInstance, { db, queues }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deliveries'];

  api.get(
    '/integrations/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Delivery history of an integration, newest first',
        params: idParams,
        querystring: deliveriesQuery,
        response: responses({ status: 200, description: 'A page of deliveries', schema: deliveryPage }, [400, 404]),
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findIntegrationWithRoutes(db, id))) throw notFound('integration', id);
      const page = await listIntegrationDeliveries(db, id, request.query);
      return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/deliveries/dead-letters',
    {
      schema: {
        tags,
        summary: 'Deliveries that failed for good, newest first',
        querystring: deadLettersQuery,
        response: responses({ status: 200, description: 'A page of deliveries', schema: deliveryPage }, [400]),
      },
    },
    async (request) => {
      const page = await listDeadLetters(db, request.query);
      return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor };
    },
  );

  api.post(
    '/deliveries/:id/replay',
    {
      schema: {
        tags,
        summary: 'Replay a delivery that is not sent or being sent',
        params: idParams,
        response: responses(
          { status: 202, description: 'Back to pending, job enqueued', schema: replayView },
          [400, 404, 409, 503],
        ),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const prepared = await prepareDeliveryReplay(db, id, { actor: auditActor(request) });
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
      return reply.status(202).send({ id, status: 'pending' as const, jobId });
    },
  );
}
