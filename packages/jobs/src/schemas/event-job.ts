import { z } from 'zod';
import { jobMetaSchema } from './meta';

/** A GitLab webhook accepted by the gateway: verified, parsed as JSON, not yet interpreted. */
export const eventJobSchema = z.object({
  meta: jobMetaSchema,
  endpointId: z.string().min(1),
  /** The `X-Gitlab-Event` header, e.g. "Push Hook". */
  eventName: z.string().min(1),
  /**
   * Stable identity of this event for this endpoint: GitLab's `Idempotency-Key` (or
   * `X-Gitlab-Event-UUID`), else one the gateway generated. Deliveries are keyed on it.
   */
  eventKey: z.string().min(1),
  receivedAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});
export type EventJob = z.infer<typeof eventJobSchema>;
