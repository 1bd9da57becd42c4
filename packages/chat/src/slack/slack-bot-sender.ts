import { type WebClient } from '@slack/web-api';
import { type SlackMessageBody } from './slack-message';
import { toChatProviderError } from './slack-errors';
import { slackWebClient } from './web-client';

export interface SlackPostResult {
  channel: string;
  ts: string;
}

/** Posts with an installation's bot token through the Slack Web API (see slackWebClient). */
export class SlackBotSender {
  private readonly client: WebClient;

  constructor(options: { slackApiUrl: string; timeoutMs?: number }) {
    this.client = slackWebClient(options);
  }

  async postMessage(
    token: string,
    channel: string,
    body: SlackMessageBody,
    threadTs?: string,
  ): Promise<SlackPostResult> {
    try {
      // Slack wants a text beside attachments (it is the notification's preview); ours always has one.
      const response = await this.client.chat.postMessage({
        ...body,
        text: body.text ?? '',
        token,
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return { channel: response.channel ?? channel, ts: response.ts ?? '' };
    } catch (error) {
      throw toChatProviderError(error);
    }
  }

  /** Replaces a message; `channel` must be the id Slack answered the first post with. */
  async updateMessage(token: string, channel: string, ts: string, body: SlackMessageBody): Promise<void> {
    const {
      unfurl_links: _links,
      unfurl_media: _media,
      username: _username,
      icon_url: _icon,
      thread_ts: _thread,
      ...content
    } = body;
    try {
      await this.client.chat.update({ ...content, text: content.text ?? '', token, channel, ts });
    } catch (error) {
      throw toChatProviderError(error);
    }
  }
}
