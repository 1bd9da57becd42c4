import { type HomeView } from '@slack/types';
import { type WebClient } from '@slack/web-api';
import { type SlackModalView } from '../form/render-modal';
import { toChatProviderError } from './slack-errors';
import { slackWebClient } from './web-client';

/**
 * What the Slack app does beyond posting messages: modals (`views.*`), the App Home, and
 * channels of its own (`conversations.*`). Every call carries the installation's bot token;
 * failures are ChatProviderErrors.
 */
export class SlackAppClient {
  private readonly client: WebClient;

  constructor(options: { slackApiUrl: string; timeoutMs?: number }) {
    this.client = slackWebClient(options);
  }

  /** Opens a modal for the user whose action gave `triggerId` (valid for 3 seconds). */
  async openView(token: string, triggerId: string, view: SlackModalView): Promise<{ viewId: string }> {
    const response = await this.call(() => this.client.views.open({ token, trigger_id: triggerId, view }));
    return { viewId: response.view?.id ?? '' };
  }

  /** Replaces an open modal's content. */
  async updateView(token: string, viewId: string, view: SlackModalView): Promise<void> {
    await this.call(() => this.client.views.update({ token, view_id: viewId, view }));
  }

  /** Publishes a user's App Home tab. */
  async publishHome(token: string, userId: string, blocks: HomeView['blocks']): Promise<void> {
    await this.call(() => this.client.views.publish({ token, user_id: userId, view: { type: 'home', blocks } }));
  }

  /** Creates a public (or private) channel; Slack's `name_taken` is thrown like any refusal. */
  async createChannel(
    token: string,
    name: string,
    options: { isPrivate?: boolean } = {},
  ): Promise<{ id: string; name: string }> {
    const response = await this.call(() =>
      this.client.conversations.create({ token, name, is_private: options.isPrivate ?? false }),
    );
    return { id: response.channel?.id ?? '', name: response.channel?.name ?? name };
  }

  async invite(token: string, channelId: string, userIds: string[]): Promise<void> {
    await this.call(() => this.client.conversations.invite({ token, channel: channelId, users: userIds.join(',') }));
  }

  /** Gives a token up (`auth.revoke`): an installation chatops will not serve, or one being removed. */
  async revokeToken(token: string): Promise<void> {
    await this.call(() => this.client.auth.revoke({ token }));
  }

  /** Who a token is and what it may do (`auth.test`; the scopes from Slack's X-OAuth-Scopes header). */
  async authTest(token: string): Promise<{ teamId: string; userId: string; scopes: string[] | undefined }> {
    const response = await this.call(() => this.client.auth.test({ token }));
    return {
      teamId: response.team_id ?? '',
      userId: response.user_id ?? '',
      scopes: response.response_metadata?.scopes,
    };
  }

  /** Whether the Web API answers at all (`api.test`, no token). */
  async apiTest(): Promise<void> {
    await this.call(() => this.client.api.test());
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toChatProviderError(error);
    }
  }
}
