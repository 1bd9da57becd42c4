import { alertPollingStatus } from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { alertPollView } from '../schemas/alert';
import { listOf } from '../schemas/common';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * GitLab sends no webhook for alerts: the incident service polls them for projects with an
 * integration routing `alert`. This says, per such project, whether it can be polled and how it went.
 */
export async function alertRoutes(app: FastifyInstance, { db }: AdminApiOptions): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/alerts/polling',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alert polling, per project routing alerts: polled, failing, or why not',
        response: responses({ status: 200, description: 'Projects routing alerts', schema: listOf(alertPollView) }, []),
      },
    },
    async () => ({
      items: (await alertPollingStatus(db)).map((p) => ({
        ...p,
        lastPolledAt: iso(p.lastPolledAt),
        lastErrorAt: iso(p.lastErrorAt),
      })),
    }),
  );
}
