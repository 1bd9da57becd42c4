import { type NotificationMessage } from '@chatops/messages';
import { type MattermostMessageBody, renderMattermostMessage } from '../mattermost/render-mattermost';
import { renderSlackMessage } from '../slack/render-slack';
import { type SlackMessageBody } from '../slack/slack-message';

/** How an integration reaches its channels (the database's DestinationKind). */
export type DestinationKind = 'slack_bot' | 'slack_webhook' | 'mattermost_webhook' | 'mattermost_bot';

export type ProviderBody = SlackMessageBody | MattermostMessageBody;

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

export function isSlackDestination(kind: DestinationKind): boolean {
  return kind === 'slack_bot' || kind === 'slack_webhook';
}

/** The provider body for a destination kind: Slack mrkdwn for Slack, markdown for Mattermost. */
export function renderForDestination(
  kind: DestinationKind,
  message: NotificationMessage,
  options: { username?: string | null } = {},
): ProviderBody {
  const body: ProviderBody = isSlackDestination(kind) ? renderSlackMessage(message) : renderMattermostMessage(message);
  if (options.username) body.username = options.username;
  return body;
}
