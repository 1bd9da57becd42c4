import { CHAT_PLATFORMS } from '@chatops/chat';
import { z } from 'zod';
import { jobMetaSchema } from './meta';

/** An incident action from chat: opening the declare modal, or a submitted modal. */
export const incidentJobSchema = z.object({
  meta: jobMetaSchema,
  provider: z.enum(CHAT_PLATFORMS),
  teamId: z.string().min(1),
  userId: z.string().min(1),
  channelId: z.string().optional(),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('open_declare_modal'), triggerId: z.string().min(1), responseUrl: z.url() }),
    z.object({
      kind: z.literal('declare_submitted'),
      viewId: z.string().min(1),
      values: z.record(z.string(), z.unknown()),
    }),
  ]),
  receivedAt: z.iso.datetime(),
});
export type IncidentJob = z.infer<typeof incidentJobSchema>;
