import { z } from 'zod';
import { jobMetaSchema } from './meta';

/** Post one rendered message to one destination; the message itself is stored with the delivery row. */
export const deliveryJobSchema = z.object({
  meta: jobMetaSchema,
  deliveryId: z.string().min(1),
  /** The channel's rate-limit key, set when the delivery was planned so pacing needs no database read; absent on replays. */
  channelKey: z.string().min(1).optional(),
  /** Tries already made before this job (the routing job's first post): attempt numbers and the attempts budget go on from there. */
  priorAttempts: z.number().int().min(0).max(100).optional(),
});
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;
