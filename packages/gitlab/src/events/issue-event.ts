import { z } from 'zod';
import { webhookUserSchema } from './user';
import { projectSchema } from './project';

/** A label as hooks carry it; label filters compare titles only. */
export const webhookLabelSchema = z.object({ title: z.string() });
export type WebhookLabel = z.infer<typeof webhookLabelSchema>;

/**
 * `Issue Hook` and `Confidential Issue Hook` payloads: issues, other work items
 * (`object_kind: "work_item"`, `object_attributes.type` e.g. Task) and incidents, which GitLab
 * hands its own integrations re-labelled `object_kind: "incident"`.
 */
export const issueEventSchema = z.object({
  object_kind: z.enum(['issue', 'work_item', 'incident']),
  event_type: z.string().nullish(),
  user: webhookUserSchema.nullish(),
  project: projectSchema,
  object_attributes: z.object({
    title: z.string(),
    iid: z.number().int(),
    url: z.string(),
    /** `open`, `close`, `reopen` or `update`; absent on some system-made changes. */
    action: z.string().nullish(),
    /** `opened` or `closed` (a reopened issue is `opened` again). */
    state: z.string().nullish(),
    description: z.string().nullish(),
    /** Work item type (Issue, Task, Incident, …); older GitLab versions omit it. */
    type: z.string().nullish(),
    confidential: z.boolean().nullish(),
    labels: z.array(webhookLabelSchema).nullish(),
  }),
  labels: z.array(webhookLabelSchema).nullish(),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;
