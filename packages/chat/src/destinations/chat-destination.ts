import { ChatProviderError } from '../chat-provider-error';
import { type MattermostMessageBody } from '../mattermost/mattermost-message';
import { type ChatMessage } from '../message/chat-message';
import { type ChatPlatform } from '../platform';
import { type ProviderBody, renderMessage, type RenderOptions } from '../render/render-message';
import { type SlackMessageBody } from '../slack/slack-message';

/** How an integration reaches its channels (the database's DestinationKind). */
export type DestinationKind = 'slack_bot' | 'slack_webhook' | 'mattermost_webhook' | 'mattermost_bot';

/** Where one delivery goes, with the credential to get there (already unsealed). */
export interface DeliveryTarget {
  kind: DestinationKind;
  /** Channel id or name (`@user` for a direct message); '' means an incoming webhook's own channel. */
  channel: string;
  /** The bot token (bot destinations) or the incoming-webhook URL (webhook destinations). */
  credential: string;
  /** Mattermost server base URL, for `mattermost_bot`. */
  serverUrl?: string;
}

export interface PostResult {
  /** Slack `ts` or Mattermost post id, when the destination tells us (webhooks do not). */
  messageId: string | undefined;
  /** The channel id the provider resolved a channel name to, when it says. */
  channelId?: string;
}

export interface PostOptions {
  /** Reply in the thread of this message (Slack `thread_ts`, Mattermost `root_id`). */
  threadId?: string;
}

/** Posts one rendered body to one target. */
export interface ChatDestination {
  post(target: DeliveryTarget, body: ProviderBody, options?: PostOptions): Promise<PostResult>;
  /** Replaces a message posted earlier (bot destinations only; webhooks cannot edit). */
  update?(target: DeliveryTarget, messageId: string, body: ProviderBody): Promise<void>;
}

/** Bot destinations return message ids, so they can thread and edit; incoming webhooks cannot. */
export function canThread(kind: DestinationKind): boolean {
  return kind === 'slack_bot' || kind === 'mattermost_bot';
}

export function platformOf(kind: DestinationKind): ChatPlatform {
  return kind === 'slack_bot' || kind === 'slack_webhook' ? 'slack' : 'mattermost';
}

/** The body for a destination kind: Slack mrkdwn for Slack, markdown for Mattermost. */
export function renderForDestination(
  kind: DestinationKind,
  message: ChatMessage,
  options: RenderOptions = {},
): ProviderBody {
  return renderMessage(platformOf(kind), message, options);
}

/**
 * A body read back from storage, where it was kept as the platform's JSON (a delivery's `body`):
 * the destination it was rendered for says which platform's.
 */
export function storedProviderBody(kind: DestinationKind, stored: unknown): ProviderBody {
  if (typeof stored !== 'object' || stored === null) throw ChatProviderError.rejected('invalid_body');
  return platformOf(kind) === 'slack'
    ? { platform: 'slack', message: stored as SlackMessageBody }
    : { platform: 'mattermost', message: stored as MattermostMessageBody };
}

/** The Slack body of a Slack-rendered message; a Mattermost body sent to Slack is refused. */
export function slackBodyOf(body: ProviderBody): SlackMessageBody {
  if (body.platform !== 'slack') throw ChatProviderError.rejected('platform_mismatch');
  return body.message;
}

/** The Mattermost body of a Mattermost-rendered message; a Slack body sent to Mattermost is refused. */
export function mattermostBodyOf(body: ProviderBody): MattermostMessageBody {
  if (body.platform !== 'mattermost') throw ChatProviderError.rejected('platform_mismatch');
  return body.message;
}
