import { canThread, ChatProviderError, type ChatSenders, type DeliveryTarget, type ProviderBody } from '@chatops/chat';
import { type Db, type DeliveryRow, findThreadAnchor, type IntegrationWithDestination, replaceThreadAnchor, saveThreadAnchor } from '@chatops/db';
import { editsInPlace } from '@chatops/messages';

/** A claimed delivery with its integration's settings. */
export type PostableDelivery = DeliveryRow & { integration: IntegrationWithDestination };

/** Slack and Mattermost answers meaning "that message is gone", after which a thread starts anew. */
const GONE = new Set(['message_not_found', 'cant_update_message', 'channel_not_found', 'api.context.invalid_url_param.app_error', 'http_404']);

/**
 * Posts a delivery, threading it when its integration threads and its destination can: the first
 * message about a GitLab object in a channel becomes the thread's root; later ones reply under it,
 * except a pipeline's, which edit the root in place so one card shows the pipeline's latest status.
 * Returns the id of the message that now carries this delivery.
 */
export async function postThreaded(db: Db, senders: Pick<ChatSenders, 'post' | 'update'>, delivery: PostableDelivery, target: DeliveryTarget): Promise<string | undefined> {
  const body = delivery.body as unknown as ProviderBody;
  const { threadKey, integration, channel } = delivery;
  if (!threadKey || !integration.threading || !canThread(target.kind)) return (await senders.post(target, body)).messageId;

  const key = { integrationId: integration.id, channel, threadKey };
  const anchor = await findThreadAnchor(db, key);
  if (anchor && editsInPlace(threadKey)) {
    try {
      await senders.update({ ...target, channel: anchor.remoteChannel }, anchor.remoteMessageId, body);
      return anchor.remoteMessageId;
    } catch (error) {
      if (!(error instanceof ChatProviderError && GONE.has(error.providerError))) throw error;
      const root = await senders.post(target, body);
      if (root.messageId) await replaceThreadAnchor(db, key, { remoteChannel: root.channelId ?? channel, remoteMessageId: root.messageId });
      return root.messageId;
    }
  }
  if (anchor) return (await senders.post(target, body, { threadId: anchor.remoteMessageId })).messageId;

  const root = await senders.post(target, body);
  if (root.messageId) await saveThreadAnchor(db, key, { remoteChannel: root.channelId ?? channel, remoteMessageId: root.messageId });
  return root.messageId;
}
