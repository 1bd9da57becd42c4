import { z } from 'zod';
import { webhookUserSchema } from './user';
import { projectSchema } from './project';

/** `Wiki Page Hook` payloads (only the fields WikiPageMessage reads). */
export const wikiPageEventSchema = z.object({
  object_kind: z.literal('wiki_page'),
  user: webhookUserSchema.nullish(),
  project: projectSchema,
  object_attributes: z.object({
    title: z.string().default(''),
    url: z.string(),
    /** `create`, `update` or `delete`. */
    action: z.string(),
    /** The wiki commit message. */
    message: z.string().nullish(),
    /** Absent before GitLab added the diff link to wiki hooks. */
    diff_url: z.string().nullish(),
  }),
});
export type WikiPageEvent = z.infer<typeof wikiPageEventSchema>;
