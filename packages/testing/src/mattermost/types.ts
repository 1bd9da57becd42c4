/** A user with a personal access or bot token, as a test declares it. */
export interface MattermostUserInput {
  id: string;
  username: string;
  /** Personal access / bot token accepted as `Authorization: Bearer <token>`. */
  token?: string;
  tokens?: string[];
  teamIds?: string[];
  /**
   * Teams (among `teamIds`) where the user is a team admin (team roles `team_user team_admin`):
   * with Mattermost's default permissions only team and system admins may manage slash commands.
   */
  teamAdminIds?: string[];
  isBot?: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  /**
   * Space-separated system roles, as Mattermost stores them (default `system_user`). Add
   * `system_post_all_public` to let the user post in public channels it has not joined,
   * `system_post_all` for any channel, or `system_admin` for everything.
   */
  roles?: string;
}

export interface MattermostTeamInput {
  id: string;
  name: string;
  displayName?: string;
  /** 'O' open, 'I' invite only. */
  type?: 'O' | 'I';
}

export interface MattermostChannelInput {
  id: string;
  teamId: string;
  name: string;
  displayName?: string;
  /** 'O' public, 'P' private. */
  type: 'O' | 'P';
  /** User ids in the channel; only members may post (unless their roles say otherwise). */
  members?: string[];
  archived?: boolean;
}

export interface MattermostUser extends Required<
  Omit<MattermostUserInput, 'token' | 'tokens' | 'teamIds' | 'teamAdminIds'>
> {
  teamIds: Set<string>;
  teamAdminIds: Set<string>;
  createAt: number;
}

export interface MattermostTeam extends Required<MattermostTeamInput> {
  createAt: number;
}

export interface MattermostChannel {
  id: string;
  teamId: string;
  name: string;
  displayName: string;
  type: 'O' | 'P' | 'D';
  members: Set<string>;
  deleteAt: number;
  createAt: number;
  creatorId: string;
  lastPostAt: number;
  totalMsgCount: number;
}

/** A post as Mattermost returns it (snake_case, like the API). */
export interface MattermostPost {
  id: string;
  create_at: number;
  update_at: number;
  edit_at: number;
  delete_at: number;
  is_pinned: boolean;
  user_id: string;
  channel_id: string;
  root_id: string;
  original_id: string;
  message: string;
  type: string;
  props: Record<string, unknown>;
  hashtags: string;
  pending_post_id: string;
  reply_count: number;
  last_reply_at: number;
  participants: null;
  metadata: Record<string, unknown>;
}

export interface MattermostCommand {
  id: string;
  token: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  creator_id: string;
  team_id: string;
  trigger: string;
  method: 'P' | 'G';
  username: string;
  icon_url: string;
  auto_complete: boolean;
  auto_complete_desc: string;
  auto_complete_hint: string;
  display_name: string;
  description: string;
  url: string;
  plugin_id: string;
}

/** One REST API request received (under /api/v4). */
export interface MattermostRequest {
  method: string;
  path: string;
  /** The route pattern, e.g. `/api/v4/posts/:id/patch`. */
  route: string;
  userId: string | undefined;
  body: unknown;
  at: number;
}

/** One post received by an incoming webhook or a command response URL, and what the fake answered. */
export interface MattermostInboundPost {
  payload: Record<string, unknown> | undefined;
  status: number;
  response: string;
  at: number;
}

/** An interactive dialog opened through POST /api/v4/actions/dialogs/open. */
export interface MattermostDialog {
  id: string;
  /** Where submissions go (the request's `url`). */
  url: string;
  /** Who sees it: the user the trigger id was issued for. */
  userId: string;
  channelId: string;
  teamId: string;
  /** The dialog as the app sent it (callback_id, title, elements, state, notify_on_cancel, …). */
  dialog: Record<string, unknown>;
  /** What Mattermost's OpenDialogRequest.IsValid finds wrong (Mattermost logs it; see `dialogValidation`). */
  problems: string[];
  status: 'open' | 'submitted' | 'cancelled';
  /** Per-element errors from the app's last answer, shown under the fields. */
  errors: Record<string, string>;
  /** The app's generic error from its last answer. */
  error: string | undefined;
  openedAt: number;
}

/** A slash command a user ran: what the fake sent to the command's URL and what the app answered. */
export interface MattermostCommandRun {
  /** The app's HTTP status and body (parsed JSON, else the text). */
  status: number;
  body: unknown;
  /** The form fields Mattermost posted (token, team_id, channel_id, user_id, command, text, …). */
  form: Record<string, string>;
  responseUrl: string;
  triggerId: string;
}

/** What the app answered to a dialog submission or a post action. */
export interface MattermostAppAnswer {
  status: number;
  body: unknown;
}
