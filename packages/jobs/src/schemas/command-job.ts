import { CHAT_PLATFORMS } from '@chatops/chat';
import { z } from 'zod';
import { jobMetaSchema } from './meta';

/** A verified slash command, acknowledged by the gateway, to be run by the command-handler. */
export const commandJobSchema = z.object({
  meta: jobMetaSchema,
  provider: z.enum(CHAT_PLATFORMS),
  /** Slack team id or Mattermost team id. */
  teamId: z.string().min(1),
  teamDomain: z.string().optional(),
  /** Slack Enterprise Grid org of an org-wide installation. */
  enterpriseId: z.string().optional(),
  /** The Mattermost slash command whose token authenticated the request (it may fix the project). */
  mattermostCommandId: z.string().optional(),
  channelId: z.string().min(1),
  channelName: z.string().optional(),
  userId: z.string().min(1),
  userName: z.string().optional(),
  /** The slash command as typed, e.g. "/gitlab". */
  command: z.string().min(1),
  text: z.string(),
  responseUrl: z.url(),
  triggerId: z.string().optional(),
  receivedAt: z.iso.datetime(),
});
export type CommandJob = z.infer<typeof commandJobSchema>;
