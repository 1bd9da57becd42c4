import { z } from 'zod';
import { pageQuery, timeRangeFields, timestamp } from './common';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;

export const deliveriesQuery = pageQuery
  .extend({
    status: z.enum(DELIVERY_STATUSES).optional(),
    channel: z.string().trim().min(1).max(255).optional().describe('Only deliveries to this channel'),
    ...timeRangeFields,
  })
  .strict();

export const deadLettersQuery = pageQuery.extend(timeRangeFields).strict();

export const deliveryView = z.object({
  id: z.string(),
  integrationId: z.string(),
  endpointId: z.string(),
  eventKey: z.string(),
  eventKind: z.string(),
  channel: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastErrorCode: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  remoteMessageId: z.string().nullable(),
  createdAt: timestamp,
  sentAt: timestamp.nullable(),
  attemptLog: z.array(
    z.object({
      attempt: z.number().int(),
      outcome: z.string(),
      errorCode: z.string().nullable(),
      errorMessage: z.string().nullable(),
      httpStatus: z.number().int().nullable(),
      durationMs: z.number().int(),
      createdAt: timestamp,
    }),
  ),
});
export type DeliveryView = z.input<typeof deliveryView>;

export const deliveryPage = z.object({ items: z.array(deliveryView), nextCursor: z.string().nullable() });

export const replayView = z.object({ id: z.string(), status: z.literal('pending'), jobId: z.string() });
