import { type DestinationKind, type ProviderBody } from './chat-destination';
import { MattermostWebhookSender } from './mattermost-webhook-sender';
import { SlackWebhookSender } from './slack-webhook-sender';

export type ChatProviderName = 'slack' | 'mattermost';

/**
 * Posts a slash command's reply to its `response_url`. A response URL takes what an incoming
 * webhook takes (plus `response_type` and `replace_original`), so the webhook senders do the
 * posting and their error mapping: an expired or used-up URL is a permanent rejection, 5xx and
 * network errors are retryable.
 */
export class ResponseUrlReplier {
  private readonly slack: SlackWebhookSender;
  private readonly mattermost: MattermostWebhookSender;

  constructor(options: { timeoutMs?: number } = {}) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.slack = new SlackWebhookSender({ timeoutMs });
    this.mattermost = new MattermostWebhookSender({ timeoutMs });
  }

  async reply(provider: ChatProviderName, responseUrl: string, body: object): Promise<void> {
    const kind: DestinationKind = provider === 'slack' ? 'slack_webhook' : 'mattermost_webhook';
    const sender = provider === 'slack' ? this.slack : this.mattermost;
    await sender.post({ kind, channel: '', credential: responseUrl }, body as ProviderBody);
  }
}
