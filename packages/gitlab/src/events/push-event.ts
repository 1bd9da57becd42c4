import { z } from 'zod';
import { projectSchema } from './project';

const commitSchema = z.object({
  id: z.string(),
  message: z.string().default(''),
  title: z.string().optional(),
  url: z.string(),
  author: z.object({ name: z.string().default(''), email: z.string().optional() }).default({ name: '' }),
});

/** `Push Hook` and `Tag Push Hook` payloads. `commits` holds at most the newest 20. */
export const pushEventSchema = z.object({
  object_kind: z.enum(['push', 'tag_push']),
  before: z.string(),
  after: z.string(),
  ref: z.string(),
  ref_protected: z.boolean().optional(),
  user_name: z.string(),
  user_username: z.string().optional(),
  user_avatar: z.string().nullish(),
  project: projectSchema,
  commits: z.array(commitSchema).default([]),
  total_commits_count: z.number().int().nonnegative().default(0),
});
export type PushEvent = z.infer<typeof pushEventSchema>;

export function isTagRef(ref: string): boolean {
  return ref.startsWith('refs/tags/');
}

/** `refs/heads/main` → `main`, `refs/tags/v1` → `v1`. */
export function refName(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

/** GitLab marks a created ref with an all-zero `before` and a deleted one with an all-zero `after`. */
export function isZeroSha(sha: string): boolean {
  return /^0+$/.test(sha);
}
