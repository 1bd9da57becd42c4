import { z } from 'zod';
import { projectSchema } from './project';

const userSchema = z.object({
  name: z.string().nullish(),
  username: z.string(),
  avatar_url: z.string().nullish(),
});

const commitSchema = z.object({
  id: z.string(),
  message: z.string().default(''),
  // Newer GitLab sends the commit's display title; older payloads only have the message.
  title: z.string().nullish(),
  url: z.string(),
  author: z.object({ name: z.string().default(''), email: z.string().nullish() }).default({ name: '' }),
});

const buildSchema = z.object({
  id: z.number(),
  stage: z.string(),
  name: z.string(),
  status: z.string(),
});

/**
 * `Pipeline Hook` payloads (only the fields the chat message needs). `user` is null for pipelines
 * started through the API or a trigger token; `duration` and `finished_at` are null until the
 * pipeline has run; `detailed_status` and `name` are missing from older GitLab versions.
 */
export const pipelineEventSchema = z.object({
  object_kind: z.literal('pipeline'),
  object_attributes: z.object({
    id: z.number(),
    ref: z.string(),
    tag: z.boolean().default(false),
    sha: z.string(),
    status: z.string(),
    detailed_status: z.string().nullish(),
    duration: z.number().nullish(),
    finished_at: z.string().nullish(),
    name: z.string().nullish(),
    // `fixed` / `broken` / …: what the notifier's "only when status changes" filter reads.
    ref_status_name: z.string().nullish(),
  }),
  user: userSchema.nullish(),
  project: projectSchema,
  commit: commitSchema.nullish(),
  // GitLab sends null for pipelines without jobs (e.g. an invalid CI config).
  builds: z
    .array(buildSchema)
    .nullish()
    .transform((builds) => builds ?? []),
});
export type PipelineEvent = z.infer<typeof pipelineEventSchema>;
