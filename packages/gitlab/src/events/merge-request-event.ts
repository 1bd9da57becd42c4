import { z } from 'zod';
import { issuableEventSchema } from './issuable-event';

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
export const mergeRequestEventSchema = issuableEventSchema(z.literal('merge_request'), {
  /** Not used in messages: GitLab links `<project web_url>/-/merge_requests/<iid>` instead. */
  url: z.string().nullish(),
  source_branch: z.string().nullish(),
  target_branch: z.string().nullish(),
}).extend({
  changes: z
    .object({
      /** Present only when the update changed the reviewers. */
      reviewers: z.object({ previous: reviewerList, current: reviewerList }).nullish(),
    })
    .nullish(),
});
export type MergeRequestEvent = z.infer<typeof mergeRequestEventSchema>;
