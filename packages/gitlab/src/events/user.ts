import { z } from 'zod';

/**
 * The `user` object of webhook payloads (issues, merge requests, notes, wiki pages, deployments). Every field is optional because
 * GitLab's messages fall back gracefully (`user_combined_name`) when one is missing.
 */
export const webhookUserSchema = z.object({
  name: z.string().nullish(),
  username: z.string().nullish(),
  avatar_url: z.string().nullish(),
});
export type WebhookUser = z.infer<typeof webhookUserSchema>;
