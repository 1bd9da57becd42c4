import { z } from 'zod';
import { timestamp } from './common';

export const failedEventsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

export const failedEventView = z.object({
  jobId: z.string(),
  endpointId: z.string(),
  eventName: z.string(),
  eventKey: z.string(),
  receivedAt: z.string(),
  failedReason: z.string(),
  attemptsMade: z.number().int(),
  failedAt: timestamp.nullable(),
});

export const retriedEventView = z.object({ jobId: z.string(), status: z.literal('waiting') });
