import { type OutboundGuard } from '@chatops/outbound';
import { ChatProviderError } from '../chat-provider-error';
import { GuardedClient4 } from '../mattermost/guarded-client4';
import { type ProviderBody } from '../render/render-message';
import {
  type ChatDestination,
  type DeliveryTarget,
  mattermostBodyOf,
  type PostOptions,
  type PostResult,
} from './chat-destination';
import { httpFailure, requestFailure } from './http-failure';

const MAX_CLIENTS = 100;

/**
 * Posts through the Mattermost REST API with a bot token (Client4 `createPost`), returning the
 * post id. Every connection to the server goes through the outbound guard: its URL is input.
 */
export class MattermostBotSender implements ChatDestination {
  // Client4 keeps its URL and token as state, so one client per server and token.
  private readonly clients = new Map<string, GuardedClient4>();

  constructor(private readonly outbound: OutboundGuard) {}

  async post(target: DeliveryTarget, body: ProviderBody, options: PostOptions = {}): Promise<PostResult> {
    const { text = '', attachments } = mattermostBodyOf(body);
    try {
      const post = await this.client(target).createPost({
        channel_id: target.channel,
        message: text,
        ...(options.threadId ? { root_id: options.threadId } : {}),
        ...(attachments ? { props: { attachments } } : {}),
      });
      return { messageId: post.id, channelId: post.channel_id };
    } catch (error) {
      throw mapClientError(error);
    }
  }

  async update(target: DeliveryTarget, messageId: string, body: ProviderBody): Promise<void> {
    const { text = '', attachments } = mattermostBodyOf(body);
    try {
      await this.client(target).patchPost({ id: messageId, message: text, props: { attachments: attachments ?? [] } });
    } catch (error) {
      throw mapClientError(error);
    }
  }

  private client(target: DeliveryTarget): GuardedClient4 {
    if (!target.serverUrl) throw ChatProviderError.rejected('connection_missing');
    const { serverUrl, credential: token } = target;
    const key = `${serverUrl}\n${token}`;
    let client = this.clients.get(key);
    if (!client) {
      if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value ?? '');
      client = new GuardedClient4(this.outbound);
      client.setUrl(serverUrl);
      client.setToken(token);
      this.clients.set(key, client);
    }
    return client;
  }
}

function mapClientError(error: unknown): ChatProviderError {
  if (error instanceof ChatProviderError) return error;
  const status = (error as { status_code?: number }).status_code;
  if (typeof status === 'number' && status > 0)
    return httpFailure(status, (error as { server_error_id?: string }).server_error_id, undefined, error);
  return requestFailure(error);
}
