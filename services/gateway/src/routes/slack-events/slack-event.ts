import { AppError, ErrorCode } from '@chatops/errors';
import { z } from 'zod';

/** The fields of Slack's Events API envelopes that chatops reads. */
const envelopeSchema = z.object({
  type: z.string(),
  challenge: z.string().optional(),
  team_id: z.string().optional(),
  enterprise_id: z.string().nullish(),
  event_id: z.string().optional(),
  event: z
    .looseObject({
      type: z.string(),
      user: z.string().optional(),
      tab: z.string().optional(),
      tokens: z.object({ oauth: z.array(z.string()).optional(), bot: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
  authorizations: z.array(z.object({ enterprise_id: z.string().nullish() })).optional(),
});
export type SlackEventEnvelope = z.output<typeof envelopeSchema>;

/** Reads an Events API body (its signature was checked before); not JSON or not an envelope is a 400. */
export function parseEventEnvelope(raw: Buffer | undefined): SlackEventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(raw?.toString('utf8') ?? '');
  } catch {
    throw new AppError(ErrorCode.MalformedBody, 'the body is not JSON');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(ErrorCode.ValidationFailed, `not a Slack event: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The Enterprise Grid org of the workspace an event came from, if any. */
export const enterpriseOf = (envelope: SlackEventEnvelope): string | undefined =>
  envelope.enterprise_id ?? envelope.authorizations?.[0]?.enterprise_id ?? undefined;
