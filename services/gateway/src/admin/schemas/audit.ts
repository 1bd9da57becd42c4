import { z } from 'zod';
import { pageQuery, timeRangeFields, timestamp } from './common';

export const auditQuery = pageQuery
  .extend({
    actor: z.string().min(1).max(200).optional().meta({ description: 'only entries of exactly this actor' }),
    action: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'only entries of exactly this action, e.g. `integration.update`' }),
    target: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "only entries whose target starts with this: give an id for that row's entries" }),
    ...timeRangeFields,
  })
  .strict();

export const auditEntryView = z
  .object({
    id: z.string(),
    actor: z.string().meta({ description: '`admin-api`, the X-Chatops-Actor of the request, `cli`, or a chat user' }),
    action: z.string().meta({ description: '`<entity>.<verb>`: `project.create`, `endpoint.disable`, …' }),
    target: z.string().meta({ description: 'the id of the row acted on (the action says of which kind)' }),
    details: z.record(z.string(), z.unknown()).meta({ description: 'what is worth keeping about it (never secrets)' }),
    createdAt: timestamp,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.input<typeof auditEntryView>;

export const auditPage = z.object({ items: z.array(auditEntryView), nextCursor: z.string().nullable() });
