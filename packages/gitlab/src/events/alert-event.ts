import { z } from 'zod';

/**
 * An alert as GitLab hands it to its chat integrations (not a webhook: GitLab builds this for
 * its built-in integrations only). It names no project; the integration's project supplies it.
 */
export const alertEventSchema = z.object({
  object_kind: z.literal('alert'),
  object_attributes: z.object({
    title: z.string(),
    url: z.string(),
    /** `critical`, `high`, `medium`, `low`, `info` or `unknown`. */
    severity: z.string(),
    /** How many times the alert fired. */
    events: z.number().int().nonnegative(),
    /** `triggered`, `acknowledged`, `resolved` or `ignored`. */
    status: z.string(),
    started_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'started_at must be a timestamp'),
  }),
});
export type AlertEvent = z.infer<typeof alertEventSchema>;
