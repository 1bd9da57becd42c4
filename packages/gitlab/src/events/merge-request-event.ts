import { z } from 'zod';
import { webhookLabelSchema } from './issue-event';
import { webhookUserSchema } from './user';
import { projectSchema } from './project';

const reviewerSchema = z.object({
  name: z.string().nullish(),
  username: z.string().nullish(),
  /** True when the author asked this reviewer for another review. */
  re_requested: z.boolean().nullish(),
});
export type MergeRequestReviewer = z.infer<typeof reviewerSchema>;

// GitLab reads both lists with Ruby's Array(), so a missing or null list counts as empty.
const reviewerList = z
  .array(reviewerSchema)
  .nullish()
  .transform((list) => list ?? []);

/** `Merge Request Hook` payloads (only the fields chat notifications use). */
export const mergeRequestEventSchema = z.object({
  object_kind: z.literal('merge_request'),
  event_type: z.string().nullish(),
  user: webhookUserSchema.nullish(),
  project: projectSchema,
  object_attributes: z.object({
    title: z.string(),
    iid: z.number().int(),
    /** Not used in messages: GitLab links `<project web_url>/-/merge_requests/<iid>` instead. */
    url: z.string().nullish(),
    /** `open`, `close`, `reopen`, `update`, `approved`, `unapproved`, `approval`, `unapproval`, `merge`. */
    action: z.string().nullish(),
    /** `opened`, `closed`, `merged`, `locked`. */
    state: z.string().nullish(),
    source_branch: z.string().nullish(),
    target_branch: z.string().nullish(),
    description: z.string().nullish(),
    labels: z.array(webhookLabelSchema).nullish(),
  }),
  labels: z.array(webhookLabelSchema).nullish(),
  changes: z
    .object({
      /** Present only when the update changed the reviewers. */
      reviewers: z.object({ previous: reviewerList, current: reviewerList }).nullish(),
    })
    .nullish(),
});
export type MergeRequestEvent = z.infer<typeof mergeRequestEventSchema>;
