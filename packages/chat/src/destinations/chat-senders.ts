import { type OutboundGuard } from '@chatops/outbound';
import { SlackBotSender } from '../slack/slack-bot-sender';
import { ChatProviderError } from '../chat-provider-error';
import { type ProviderBody } from '../render/render-message';
import {
  type ChatDestination,
  type DeliveryTarget,
  type DestinationKind,
  type PostOptions,
  type PostResult,
  slackBodyOf,
} from './chat-destination';
import { MattermostBotSender } from './mattermost-bot-sender';
import { MattermostWebhookSender } from './mattermost-webhook-sender';
import { SlackWebhookSender } from './slack-webhook-sender';

/**
 * One sender per destination kind, picked by the target: the notifier's single way to post.
 * Webhook URLs and Mattermost servers are users' input, so those posts go through `outbound`;
 * the Slack Web API is the operator's SLACK_API_URL and does not.
 */
export class ChatSenders implements ChatDestination {
  private readonly senders: Record<DestinationKind, ChatDestination>;

  constructor(options: { slackApiUrl: string; outbound: OutboundGuard; timeoutMs?: number }) {
    const { outbound } = options;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const slackBot = new SlackBotSender({ slackApiUrl: options.slackApiUrl, timeoutMs });
    this.senders = {
      slack_bot: {
        post: async (target, body, options) => {
          const result = await slackBot.postMessage(
            target.credential,
            target.channel,
            slackBodyOf(body),
            options?.threadId,
          );
          return { messageId: result.ts, channelId: result.channel };
        },
        update: async (target, messageId, body) =>
          slackBot.updateMessage(target.credential, target.channel, messageId, slackBodyOf(body)),
      },
      slack_webhook: new SlackWebhookSender({ timeoutMs, outbound }),
      mattermost_webhook: new MattermostWebhookSender({ timeoutMs, outbound }),
      mattermost_bot: new MattermostBotSender(outbound),
    };
  }

  post(target: DeliveryTarget, body: ProviderBody, options?: PostOptions): Promise<PostResult> {
    return this.senders[target.kind].post(target, body, options);
  }

  update(target: DeliveryTarget, messageId: string, body: ProviderBody): Promise<void> {
    const sender = this.senders[target.kind];
    if (!sender.update) throw ChatProviderError.rejected('update_unsupported');
    return sender.update(target, messageId, body);
  }
}
