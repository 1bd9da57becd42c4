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
  /**
   * The body GitLab sent, a JSON object. Checked for being one, not copied: a record schema would
   * rebuild the payload key by key on every enqueue and again in every worker, on the hot path,
   * for no stronger guarantee (keys of parsed JSON are strings already).
   */
  payload: z.custom<Record<string, unknown>>(isJsonObject, 'payload must be a JSON object'),
});

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export type EventJob = z.infer<typeof eventJobSchema>;
