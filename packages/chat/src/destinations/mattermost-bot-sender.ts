import { Client4 } from '@mattermost/client';
import { ChatProviderError } from '../chat-provider-error';
import { type MattermostMessageBody } from '../mattermost/render-mattermost';
import { type ChatDestination, type DeliveryTarget, type PostResult, type ProviderBody } from './chat-destination';
import { httpFailure } from './http-failure';

const MAX_CLIENTS = 100;

/** Posts through the Mattermost REST API with a bot token (Client4 `createPost`), returning the post id. */
export class MattermostBotSender implements ChatDestination {
  // Client4 keeps its URL and token as state, so one client per server and token.
  private readonly clients = new Map<string, Client4>();

  async post(target: DeliveryTarget, body: ProviderBody): Promise<PostResult> {
    if (!target.serverUrl) throw ChatProviderError.rejected('connection_missing');
    const { text, attachments } = body as MattermostMessageBody;
    try {
      const post = await this.client(target.serverUrl, target.credential).createPost({
        channel_id: target.channel,
        message: text,
        ...(attachments ? { props: { attachments } } : {}),
      });
      return { messageId: post.id };
    } catch (error) {
      const status = (error as { status_code?: number }).status_code;
      if (typeof status === 'number' && status > 0) throw httpFailure(status, (error as { server_error_id?: string }).server_error_id, undefined, error);
      throw ChatProviderError.unavailable('request_error', { cause: error });
    }
  }

  private client(serverUrl: string, token: string): Client4 {
    const key = `${serverUrl}\n${token}`;
    let client = this.clients.get(key);
    if (!client) {
      if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value ?? '');
      client = new Client4();
      client.setUrl(serverUrl);
      client.setToken(token);
      this.clients.set(key, client);
    }
    return client;
  }
}
