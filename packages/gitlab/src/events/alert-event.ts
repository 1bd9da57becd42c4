import { z } from 'zod';

/**
 * An alert as GitLab hands it to its chat integrations (not a webhook: GitLab builds this for
 * its built-in integrations only). The alert itself names no project: GitLab's integration adds
 * its project's full name as `project_name` before building the message (`custom_data`), and
 * chatops' alert poller does the same.
 */
export const alertEventSchema = z.object({
  object_kind: z.literal('alert'),
  /** The project's full name ("Group / Project"), merged in by the integration. */
  project_name: z.string().min(1).optional(),
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
