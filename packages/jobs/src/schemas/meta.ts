import { z } from 'zod';

/** Envelope fields every job carries, filled in by `enqueue`. */
export const jobMetaSchema = z.object({
  /** W3C trace context of the producer, so the worker's span joins the producer's trace. */
  trace: z.object({ traceparent: z.string().optional(), tracestate: z.string().optional() }).default({}),
  /** The inbound HTTP request that caused this job, for log correlation. */
  requestId: z.string().optional(),
  /** Milliseconds since the epoch when the job was enqueued (for queue-latency metrics). */
  enqueuedAt: z.number().int().nonnegative(),
});
export type JobMeta = z.infer<typeof jobMetaSchema>;
