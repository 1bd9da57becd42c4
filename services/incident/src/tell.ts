import { type ChatPlatform, type ChatReply, postReply } from '@chatops/chat';
import { type Logger } from '@chatops/observability';
import { type IncidentDeps } from './incident-deps';

/** Tells the user at a command's response URL; a reply that cannot be posted is logged (the user sees nothing more). */
export async function tell(
  deps: Pick<IncidentDeps, 'replier'>,
  to: { provider: ChatPlatform; responseUrl: string },
  reply: ChatReply,
  log: Logger,
): Promise<void> {
  const outcome = await postReply(deps.replier, to, reply);
  if (!outcome.posted) log.warn({ err: outcome.error, attempts: outcome.attempts }, 'could not answer the user');
}
