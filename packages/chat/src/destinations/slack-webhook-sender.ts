import { type OutboundGuard } from '@chatops/outbound';
import {
  ErrorCode,
  IncomingWebhook,
  type IncomingWebhookDefaultArguments,
  type IncomingWebhookSendArguments,
} from '@slack/webhook';
import { type ChatProviderError } from '../chat-provider-error';
import { type ProviderBody } from '../render/render-message';
import { type ChatDestination, type DeliveryTarget, type PostResult, slackBodyOf } from './chat-destination';
import { httpFailure, requestFailure } from './http-failure';

/**
 * Posts to a Slack incoming webhook (GitLab's "Slack notifications" integration), one POST per
 * channel. `outbound` checks every connection to a webhook URL a user gave (through the agent
 * handed to the SDK's HTTP client); null where the URL was checked otherwise (a response_url
 * against its allowed origins).
 */
export class SlackWebhookSender implements ChatDestination {
  constructor(private readonly options: { timeoutMs: number; outbound: OutboundGuard | null }) {}

  async post(target: DeliveryTarget, body: ProviderBody): Promise<PostResult> {
    // @slack/webhook 7 copies its constructor options into every message body, `timeout`
    // included; its HTTP client has taken the value by then, so it is removed from the defaults
    // (the SDK clears `agent` itself). The agent is the guard's for the URL's scheme.
    const defaults: { timeout?: number; agent?: IncomingWebhookDefaultArguments['agent'] } = {
      timeout: this.options.timeoutMs,
      ...(this.options.outbound ? { agent: this.options.outbound.agentFor(target.credential) } : {}),
    };
    const webhook = new IncomingWebhook(target.credential, defaults);
    delete defaults.timeout;
    const { unfurl_links: _unfurlLinks, unfurl_media: _unfurlMedia, ...message } = slackBodyOf(body);
    try {
      // Slack's types want attachment `ts` as a string; GitLab (and Slack) use integer seconds.
      await webhook.send({
        ...message,
        ...(target.channel ? { channel: target.channel } : {}),
      } as IncomingWebhookSendArguments);
      return { messageId: undefined };
    } catch (error) {
      throw mapWebhookError(error);
    }
  }
}

function mapWebhookError(error: unknown): ChatProviderError {
  const failure = error as {
    code?: string;
    original?: { response?: { status: number; data?: unknown; headers?: Record<string, string> } };
  };
  const response = failure.original?.response;
  if (failure.code === ErrorCode.HTTPError && response) {
    return httpFailure(
      response.status,
      typeof response.data === 'string' ? response.data.trim() : undefined,
      response.headers?.['retry-after'],
      error,
    );
  }
  return requestFailure(error);
}
