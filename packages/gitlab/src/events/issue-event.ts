import { z } from 'zod';
import { issuableEventSchema } from './issuable-event';

/**
 * `Issue Hook` and `Confidential Issue Hook` payloads: issues, other work items
 * (`object_kind: "work_item"`, `object_attributes.type` e.g. Task) and incidents, which GitLab
 * hands its own integrations re-labelled `object_kind: "incident"`.
 */
export const issueEventSchema = issuableEventSchema(z.enum(['issue', 'work_item', 'incident']), {
  url: z.string(),
  /** Work item type (Issue, Task, Incident, …); older GitLab versions omit it. */
  type: z.string().nullish(),
  confidential: z.boolean().nullish(),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;
