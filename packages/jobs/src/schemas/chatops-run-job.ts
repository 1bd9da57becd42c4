import { CHAT_PLATFORMS } from '@chatops/chat';
import { z } from 'zod';
import { jobMetaSchema } from './meta';

/**
 * A ChatOps `run` job to watch: when the GitLab job finishes, its output goes to the command's
 * response_url. Each check that finds it still running enqueues the next check, delayed.
 */
export const chatopsRunJobSchema = z.object({
  meta: jobMetaSchema,
  provider: z.enum(CHAT_PLATFORMS),
  /** The linked user who ran the command: the job is read with their token. */
  identityId: z.string().min(1),
  gitlabProjectId: z.number().int().positive(),
  gitlabJobId: z.number().int().positive(),
  chatUserId: z.string().min(1),
  responseUrl: z.url(),
  /** After this the response_url is dead (Slack: 30 minutes), so watching stops. */
  deadline: z.iso.datetime(),
  /** 1 for the first check; each check's job id includes it, so a retried check enqueues its successor once. */
  check: z.number().int().positive(),
});
export type ChatOpsRunJob = z.infer<typeof chatopsRunJobSchema>;
