import {
  canThread,
  ChatProviderError,
  type ChatSenders,
  type DeliveryTarget,
  type ProviderBody,
  storedProviderBody,
} from '@chatops/chat';
import {
  claimThreadRoot,
  type Db,
  type DeliveryRow,
  type SqlPool,
  type IntegrationWithDestination,
  releaseThreadRoot,
  saveThreadRoot,
  type ThreadAnchorKey,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { editsInPlace } from '@chatops/messages';

/** A claimed delivery with its integration's settings. */
export type PostableDelivery = DeliveryRow & { integration: IntegrationWithDestination };

/** Slack and Mattermost answers meaning "that message is gone", after which a thread starts anew. */
const GONE = new Set([
  'message_not_found',
  'cant_update_message',
  'channel_not_found',
  'api.context.invalid_url_param.app_error',
  'http_404',
]);

/** A claim to post a thread's root outlives any single post (the senders time out at 10 s). */
const ROOT_CLAIM_STALE_MS = 30_000;
/** How long a delivery waits before looking again for a root another delivery is posting. */
const ROOT_WAIT_MS = 500;

type Senders = Pick<ChatSenders, 'post' | 'update'>;

/**
 * Posts a delivery, threaded when its integration and destination can: as the thread's root, a
 * reply under it, or a pipeline's edit of it. Returns the id of the message that now carries the
 * delivery. See docs/delivery.md#thread-anchors.
 */
export async function postThreaded(
  { db, sql }: { db: Db; sql: SqlPool },
  senders: Senders,
  delivery: PostableDelivery,
  target: DeliveryTarget,
): Promise<string | undefined> {
  const body = storedProviderBody(target.kind, delivery.body);
  const { threadKey, integration, channel } = delivery;
  if (!threadKey || !integration.threading || !canThread(target.kind))
    return (await senders.post(target, body)).messageId;

  const key = { integrationId: integration.id, channel, threadKey };
  const root = await claimThreadRoot(sql, key, ROOT_CLAIM_STALE_MS);
  if (root.kind === 'posting') {
    throw new AppError(ErrorCode.ThreadRootPending, "the thread's first message is being posted by another delivery", {
      retryable: true,
      retryAfterMs: ROOT_WAIT_MS,
    });
  }
  if (root.kind === 'claimed') return postRoot(db, senders, key, target, body);

  const { anchor } = root;
  if (!editsInPlace(threadKey))
    return (await senders.post(target, body, { threadId: anchor.remoteMessageId })).messageId;
  try {
    await senders.update({ ...target, channel: anchor.remoteChannel }, anchor.remoteMessageId, body);
    return anchor.remoteMessageId;
  } catch (error) {
    if (!(error instanceof ChatProviderError && GONE.has(error.providerError))) throw error;
    return postRoot(db, senders, key, target, body);
  }
}

/** Posts a thread's root and records it; a post that fails gives the claim back. */
async function postRoot(
  db: Db,
  senders: Senders,
  key: ThreadAnchorKey,
  target: DeliveryTarget,
  body: ProviderBody,
): Promise<string | undefined> {
  let posted: Awaited<ReturnType<Senders['post']>>;
  try {
    posted = await senders.post(target, body);
  } catch (error) {
    await releaseThreadRoot(db, key).catch(() => undefined);
    throw error;
  }
  // The message is out: failing to record the root must not fail (and so repeat) the delivery.
  // See docs/delivery.md#thread-anchors.
  const recorded = posted.messageId
    ? saveThreadRoot(db, key, { remoteChannel: posted.channelId ?? target.channel, remoteMessageId: posted.messageId })
    : releaseThreadRoot(db, key);
  await recorded.catch(() => undefined);
  return posted.messageId;
}
