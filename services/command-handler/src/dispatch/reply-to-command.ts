import { type ChatPlatform, type ChatReply, postReply, type ResponseUrlReplier } from '@chatops/chat';
import { type Logger } from '@chatops/observability';

/** Posts a command's reply (see @chatops/chat postReply); a reply that could not be posted is logged and dropped. */
export async function replyToCommand(
  replier: ResponseUrlReplier,
  target: { provider: ChatPlatform; responseUrl: string },
  reply: ChatReply,
  logger: Logger,
): Promise<void> {
  const outcome = await postReply(replier, target, reply);
  if (!outcome.posted)
    logger.warn({ err: outcome.error, attempts: outcome.attempts }, 'could not post the command reply');
}
