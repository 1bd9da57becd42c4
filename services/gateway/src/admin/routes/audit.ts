import { type AuditEntry, listAuditEntries } from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { auditPage, auditQuery, type AuditEntryView } from '../schemas/audit';

// Every writer stores an object; anything else (a hand-written row) is shown rather than dropped.
const detailsOf = (details: AuditEntry['details']): Record<string, unknown> =>
  typeof details === 'object' && details !== null && !Array.isArray(details) ? details : { value: details };

const toAuditEntryView = (e: AuditEntry): AuditEntryView => ({
  id: e.id,
  actor: e.actor,
  action: e.action,
  target: e.target,
  details: detailsOf(e.details),
  createdAt: e.createdAt.toISOString(),
});

/** The audit log: every administrative change, who made it and when. */
export async function auditRoutes(app: FastifyInstance, { db }: AdminApiOptions): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, by actor, action, target and time',
        querystring: auditQuery,
        response: responses({ status: 200, description: 'A page of audit entries', schema: auditPage }, [400]),
      },
    },
    async (request) => {
      const page = await listAuditEntries(db, request.query);
      return { items: page.items.map(toAuditEntryView), nextCursor: page.nextCursor };
    },
  );
}
