import { type FastifyInstance } from 'fastify';
import { type Delivery, type FailedEvent, type Page } from '../api-types';
import { ConsolePageError, contextOf } from '../context';
import { CONSOLE_PREFIX, type ConsoleOptions } from '../options';
import { DeadLettersPage, DeliveriesPage, SINCE_FILTERS, STATUS_FILTERS } from '../pages/deliveries-page';
import { sendPage } from '../render';
import { requireAdmin } from './require-admin';
import { integrationOf } from './integrations';

type Query = Record<string, string | undefined>;
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : (allowed[0] as T);

/** The delivery log per integration with filters and Retry; dead letters and failed events for admins. */
export async function deliveryRoutes(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const now = options.now ?? Date.now;

  app.get<{ Params: { id: string }; Querystring: Query }>('/integrations/:id/deliveries', async (request, reply) => {
    const ctx = contextOf(request);
    const { integration, project } = await integrationOf(ctx, request.params.id);
    const status = pick(request.query.status, STATUS_FILTERS);
    const since = SINCE_FILTERS.find((s) => s.value === request.query.since) ?? SINCE_FILTERS[0]!;
    const page = await ctx.admin.get<Page<Delivery>>(`/integrations/${integration.id}/deliveries`, {
      status,
      channel: request.query.channel?.trim() || undefined,
      since: since.ms === null ? undefined : new Date(now() - since.ms).toISOString(),
      cursor: request.query.cursor,
      limit: 50,
    });
    return sendPage(
      reply,
      <DeliveriesPage
        chrome={ctx.chrome}
        project={project}
        integration={integration}
        deliveries={page.items}
        nextCursor={page.nextCursor ?? null}
        status={status}
        channel={request.query.channel?.trim() ?? ''}
        since={since.value}
      />,
    );
  });

  app.post<{ Params: { id: string; deliveryId: string } }>(
    '/integrations/:id/deliveries/:deliveryId/retry',
    async (request, reply) => {
      const ctx = contextOf(request);
      const { integration } = await integrationOf(ctx, request.params.id);
      // Only a delivery of this integration: a maintainer's Retry must not reach another project's log.
      const retryable = await Promise.all(
        (['failed', 'pending'] as const).map((status) =>
          ctx.admin.get<Page<Delivery>>(`/integrations/${integration.id}/deliveries`, { status, limit: 200 }),
        ),
      );
      if (!retryable.some((page) => page.items.some((d) => d.id === request.params.deliveryId)))
        throw new ConsolePageError(404, 'Not found', `no failed or pending delivery ${request.params.deliveryId} here`);
      await ctx.admin.post(`/deliveries/${encodeURIComponent(request.params.deliveryId)}/replay`);
      request.session.set('notice', 'Delivery queued again.');
      return reply.redirect(`${CONSOLE_PREFIX}/integrations/${integration.id}/deliveries`, 303);
    },
  );

  app.register(async (admins) => {
    admins.addHook('preHandler', requireAdmin);

    admins.get('/dead-letters', async (request, reply) => {
      const ctx = contextOf(request);
      const [deliveries, failed] = await Promise.all([
        ctx.admin.get<Page<Delivery>>('/deliveries/dead-letters', { limit: 100 }),
        ctx.admin.get<{ items: FailedEvent[] }>('/events/failed', { limit: 100 }),
      ]);
      return sendPage(
        reply,
        <DeadLettersPage chrome={ctx.chrome} deliveries={deliveries.items} failedEvents={failed.items} />,
      );
    });

    admins.post<{ Params: { id: string } }>('/dead-letters/:id/retry', async (request, reply) => {
      await contextOf(request).admin.post(`/deliveries/${encodeURIComponent(request.params.id)}/replay`);
      request.session.set('notice', 'Delivery queued again.');
      return reply.redirect(`${CONSOLE_PREFIX}/dead-letters`, 303);
    });

    admins.post<{ Params: { jobId: string } }>('/failed-events/:jobId/retry', async (request, reply) => {
      await contextOf(request).admin.post(`/events/failed/${encodeURIComponent(request.params.jobId)}/retry`);
      request.session.set('notice', 'Event queued for routing again.');
      return reply.redirect(`${CONSOLE_PREFIX}/dead-letters`, 303);
    });
  });
}
