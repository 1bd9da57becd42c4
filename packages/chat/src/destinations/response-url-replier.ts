import { type ChatReply } from '../message/chat-message';
import { type ChatPlatform } from '../platform';
import { renderReply } from '../render/render-message';
import { MattermostWebhookSender } from './mattermost-webhook-sender';
import { SlackWebhookSender } from './slack-webhook-sender';

/**
 * Posts a slash command's reply to its `response_url`, rendered for the platform. A response URL
 * takes what an incoming webhook takes (plus `response_type` and `replace_original`), so the
 * webhook senders do the posting and their error mapping: an expired or used-up URL is a
 * permanent rejection, 5xx and network errors are retryable. Not through the outbound guard:
 * a response_url is posted to only when its origin is one the operator allows (the gateway's
 * SLACK_RESPONSE_URL_ORIGINS, a Mattermost connection's origin), checked when the command arrives.
 */
export class ResponseUrlReplier {
  private readonly slack: SlackWebhookSender;
  private readonly mattermost: MattermostWebhookSender;

  constructor(options: { timeoutMs?: number } = {}) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.slack = new SlackWebhookSender({ timeoutMs, outbound: null });
    this.mattermost = new MattermostWebhookSender({ timeoutMs, outbound: null });
  }

  async reply(platform: ChatPlatform, responseUrl: string, reply: ChatReply): Promise<void> {
    const message = renderReply(platform, reply);
    if (platform === 'slack') {
      await this.slack.post({ kind: 'slack_webhook', channel: '', credential: responseUrl }, { platform, message });
    } else {
      await this.mattermost.post(
        { kind: 'mattermost_webhook', channel: '', credential: responseUrl },
        { platform, message },
      );
    }
  }
}
