import { z } from 'zod';
import { pageQuery, timestamp } from './common';

/** Failed events are listed by count only (no cursor): the queue keeps at most a week of them. */
export const failedEventsQuery = pageQuery.pick({ limit: true });

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
