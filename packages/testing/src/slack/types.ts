/** A channel as a test declares it. */
export interface SlackChannelInput {
  id: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  /**
   * User ids in the channel (include the bot's user id for private channels it may post to).
   * When omitted on a public channel, every workspace user counts as a member.
   */
  members?: string[];
}

/** A workspace user as a test declares it. */
export interface SlackUserInput {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  isBot?: boolean;
  isAdmin?: boolean;
  deleted?: boolean;
  tz?: string;
}

/** A workspace with the app installed: its bot token and what it contains. */
export interface SlackWorkspaceInput {
  teamId: string;
  teamName?: string;
  /** Workspace subdomain, used in `auth.test` URLs and permalinks; derived from the name when omitted. */
  domain?: string;
  botToken: string;
  botUserId: string;
  botId?: string;
  appId?: string;
  /** Scopes granted to the bot token. Defaults to what a chatops bot installs with (incl. chat:write.public). */
  scopes?: string[];
  channels?: SlackChannelInput[];
  users?: SlackUserInput[];
}

export interface SlackChannel {
  id: string;
  teamId: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isArchived: boolean;
  /** Undefined means "every workspace user" (public channels declared without members). */
  members: Set<string> | undefined;
  created: number;
  creator: string;
}

/** A message as the fake stores it; `messages(channel)` returns these, mutated in place by chat.update. */
export interface SlackMessage {
  channel: string;
  team: string;
  ts: string;
  thread_ts?: string;
  user: string;
  bot_id?: string;
  text: string;
  attachments?: unknown[];
  blocks?: unknown[];
  username?: string;
  icon_url?: string;
  icon_emoji?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  reply_broadcast?: boolean;
  metadata?: unknown;
  edited?: { user: string; ts: string };
  /** How the message arrived: Web API, an incoming webhook or a response_url. */
  via: 'api' | 'incoming_webhook' | 'response_url';
}

export interface SlackEphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  thread_ts?: string;
  text: string;
  attachments?: unknown[];
  blocks?: unknown[];
}

export interface SlackView {
  id: string;
  team_id: string;
  type: string;
  /** The whole view payload the app sent (title, blocks, submit, private_metadata, ...). */
  view: Record<string, unknown>;
  hash: string;
  external_id: string;
  root_view_id: string;
  previous_view_id: string | null;
  /** `views.publish` target user for Home tabs. */
  user_id?: string;
  opened_by: 'views.open' | 'views.push' | 'views.publish';
  /** `view.state.values` as Slack reports them: what the user has entered so far. */
  state_values: Record<string, Record<string, Record<string, unknown>>>;
  /** Set once the user closed the view, submitted it and the app let it close, or the app cleared the stack. */
  closed: boolean;
}

/** One received Web API call. `params` are the decoded parameters (JSON-string fields parsed). */
export interface SlackCall {
  method: string;
  token: string | undefined;
  params: Record<string, unknown>;
  at: number;
}

/** One post received by an incoming webhook or a response_url: the payload as sent and what the fake answered. */
export interface SlackInboundPost {
  payload: Record<string, unknown> | undefined;
  status: number;
  /** The plain-text answer: `ok` or Slack's error string. */
  response: string;
  at: number;
}

/** What an OAuth v2 install produces; `issueOAuthCode` takes it and `oauth.v2.access` returns it. */
export interface SlackInstallation {
  teamId: string;
  teamName?: string;
  botToken?: string;
  botUserId?: string;
  scope?: string;
  authedUserId?: string;
  /** The installer's name, when Slack adds them to the workspace's users (default: their id). */
  authedUserName?: string;
  userToken?: string;
  userScope?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** An org-wide install on Enterprise Grid (needs `enterpriseId`): Slack answers `team: null`. */
  enterpriseInstall?: boolean;
  /** If set, the exchange must send the same `redirect_uri`. */
  redirectUri?: string;
}

export const DEFAULT_BOT_SCOPES = [
  'chat:write',
  'chat:write.public',
  'commands',
  'channels:read',
  'channels:join',
  'channels:manage',
  'groups:read',
  'groups:write',
  'users:read',
  'users:read.email',
  'im:write',
  'links:read',
  'links:write',
] as const;
