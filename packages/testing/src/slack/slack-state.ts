import { MessageStore } from './message-store.js';
import { type InstallingUser } from './oauth-authorize.js';
import { SlackDirectory } from './slack-directory.js';
import { type SlackInstallation, type SlackView } from './types.js';

export interface TriggerGrant {
  teamId: string;
  userId: string | undefined;
  /** The modal the interaction came from, so views.push can stack onto it. */
  viewId: string | undefined;
  issuedAt: number;
  exchanged: boolean;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  appId: string;
  /** The app's Redirect URLs: the consent screen refuses any other redirect_uri. Undefined: any. */
  redirectUrls?: string[];
}

export interface IssuedOAuthCode {
  installation: SlackInstallation;
  issuedAt: number;
  used: boolean;
}

/** Everything the Slack fake knows; the Web API methods read and change it. */
export class SlackState {
  readonly directory: SlackDirectory;
  readonly messages: MessageStore;
  readonly views = new Map<string, SlackView>();
  /** Home tab per `${teamId}:${userId}`: views.publish replaces it. */
  readonly homeViews = new Map<string, string>();
  readonly triggers = new Map<string, TriggerGrant>();
  readonly oauthCodes = new Map<string, IssuedOAuthCode>();
  oauthApp: OAuthApp | undefined;
  /** Who answers the consent screen of `/oauth/v2/authorize`. */
  installingUser: InstallingUser | undefined;

  constructor(readonly now: () => number) {
    this.directory = new SlackDirectory(now);
    this.messages = new MessageStore(now);
  }

  clear(): void {
    this.directory.clear();
    this.messages.clear();
    this.views.clear();
    this.homeViews.clear();
    this.triggers.clear();
    this.oauthCodes.clear();
    this.oauthApp = undefined;
    this.installingUser = undefined;
  }
}
