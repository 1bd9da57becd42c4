import { z } from 'zod';
import { projectSchema } from './project';
import { webhookUserSchema } from './user';

/** A label as hooks carry it; label filters compare titles only. */
export const webhookLabelSchema = z.object({ title: z.string() });
export type WebhookLabel = z.infer<typeof webhookLabelSchema>;

/**
 * GitLab builds `Issue Hook` and `Merge Request Hook` payloads with one builder
 * (Gitlab::DataBuilder::Issuable): the same envelope and the same core attributes, to which each
 * kind adds its own `attributes` (only the fields chat notifications use).
 */
export function issuableEventSchema<Kind extends z.ZodType, Attributes extends z.ZodRawShape>(
  objectKind: Kind,
  attributes: Attributes,
) {
  return z.object({
    object_kind: objectKind,
    event_type: z.string().nullish(),
    user: webhookUserSchema.nullish(),
    project: projectSchema,
    object_attributes: z.object({
      title: z.string(),
      iid: z.number().int(),
      /**
       * `open`, `close`, `reopen` or `update`; merge requests also `approved`, `unapproved`,
       * `approval`, `unapproval` and `merge`. Absent on some system-made changes.
       */
      action: z.string().nullish(),
      /** `opened` or `closed` (a reopened issue is `opened` again); merge requests also `merged`, `locked`. */
      state: z.string().nullish(),
      description: z.string().nullish(),
      labels: z.array(webhookLabelSchema).nullish(),
      ...attributes,
    }),
    labels: z.array(webhookLabelSchema).nullish(),
  });
}
