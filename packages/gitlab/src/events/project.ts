import { z } from 'zod';

/** The `project` object GitLab puts in most webhook payloads (only the fields we use). */
export const projectSchema = z.object({
  id: z.number(),
  name: z.string(),
  namespace: z.string().optional(),
  web_url: z.string(),
  path_with_namespace: z.string(),
  default_branch: z.string().nullish(),
  avatar_url: z.string().nullish(),
});
export type WebhookProject = z.infer<typeof projectSchema>;

/** GitLab's `project.full_name` ("Namespace / Project"), which chat messages show. */
export function projectFullName(project: WebhookProject): string {
  return project.namespace ? `${project.namespace} / ${project.name}` : project.path_with_namespace;
}
