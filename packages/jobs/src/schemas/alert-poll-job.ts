import { z } from 'zod';
import { jobMetaSchema } from './meta';

/**
 * One round of alert polling: every project routing `alert` is polled once. The incident
 * service's job scheduler adds one per interval across all replicas, so a round carries nothing
 * but its envelope (the scheduler repeats the same data each time).
 */
export const alertPollJobSchema = z.object({ meta: jobMetaSchema });
export type AlertPollJob = z.infer<typeof alertPollJobSchema>;
