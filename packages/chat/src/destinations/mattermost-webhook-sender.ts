import { type OutboundGuard } from '@chatops/outbound';
import { type ProviderBody } from '../render/render-message';
import { type ChatDestination, type DeliveryTarget, mattermostBodyOf, type PostResult } from './chat-destination';
import { httpFailure, requestFailure } from './http-failure';

/**
 * Posts to a Mattermost incoming webhook (GitLab's "Mattermost notifications" integration) or a
 * command's response_url. `outbound` checks every connection to a webhook URL a user gave; null
 * where the URL was checked otherwise (a response_url against its allowed origins).
 */
export class MattermostWebhookSender implements ChatDestination {
  constructor(private readonly options: { timeoutMs: number; outbound: OutboundGuard | null }) {}

  async post(target: DeliveryTarget, body: ProviderBody): Promise<PostResult> {
    let response: Response;
    try {
      response = await fetch(target.credential, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...mattermostBodyOf(body), ...(target.channel ? { channel: target.channel } : {}) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        // The URL was checked (a slash command's response_url against the allowed origins), not
        // where it redirects to: a 3xx is answered as a refusal, never followed. Slack's webhook
        // client does the same (no redirects).
        redirect: 'manual',
        ...(this.options.outbound ? { dispatcher: this.options.outbound.dispatcher } : {}),
      } as RequestInit);
    } catch (error) {
      throw requestFailure(error);
    }
    if (response.ok) return { messageId: undefined };
    // Mattermost errors are JSON `{ id, message, status_code }`; the id names the reason.
    const text = await response.text().catch(() => '');
    let id: string | undefined;
    try {
      id = (JSON.parse(text) as { id?: string }).id;
    } catch {
      id = undefined;
    }
    throw httpFailure(
      response.status,
      id,
      response.headers.get('retry-after') ?? response.headers.get('x-ratelimit-reset'),
    );
  }
}
