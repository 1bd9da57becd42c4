import { z } from 'zod';
import { projectSchema } from './project';
import { webhookLabelSchema } from './issuable-event';
import { webhookUserSchema } from './user';

// Only the noteable fields NoteMessage and the label filter read; GitLab sends many more (and the
// merge request's `last_commit.timestamp` in its documented example is malformed, so it is not read).
const titledSchema = z.object({
  iid: z.number().int(),
  title: z.string().default(''),
  labels: z.array(webhookLabelSchema).nullish(),
});

/**
 * `Note Hook` / `Confidential Note Hook` payloads. `noteable_type` is kept as a plain string:
 * GitLab also sends notes on designs, alerts and vulnerabilities, which it does not announce in
 * chat, and rejecting those payloads would make GitLab count failed deliveries against the hook.
 */
export const noteEventSchema = z.object({
  object_kind: z.literal('note'),
  user: webhookUserSchema.nullish(),
  project: projectSchema,
  object_attributes: z.object({
    note: z.string().default(''),
    noteable_type: z.string(),
    url: z.string(),
    /** `create` or `update` (GitLab 16.11+); both notify. */
    action: z.string().nullish(),
    internal: z.boolean().nullish(),
  }),
  commit: z.object({ id: z.string(), message: z.string().default('') }).nullish(),
  issue: titledSchema.nullish(),
  merge_request: titledSchema.nullish(),
  snippet: z.object({ id: z.number().int(), title: z.string().default('') }).nullish(),
});
export type NoteEvent = z.infer<typeof noteEventSchema>;
