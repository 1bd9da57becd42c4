import { mattermostId } from '../shared/ids.js';
import {
  type MattermostChannel,
  type MattermostChannelInput,
  type MattermostCommand,
  type MattermostPost,
  type MattermostTeam,
  type MattermostTeamInput,
  type MattermostUser,
  type MattermostUserInput,
} from './types.js';

/** Users, teams, channels, posts and slash commands of the fake server. */
export class MattermostState {
  readonly users = new Map<string, MattermostUser>();
  readonly tokens = new Map<string, string>();
  readonly teams = new Map<string, MattermostTeam>();
  readonly channels = new Map<string, MattermostChannel>();
  /** Insertion order is posting order. */
  readonly posts = new Map<string, MattermostPost>();
  readonly commands = new Map<string, MattermostCommand>();
  private lastMillis = 0;

  /**
   * @param onlyAdminIntegrations Mattermost's default permission scheme: only team and system
   *   admins hold `manage_own_slash_commands`; false grants it to every team member too.
   */
  constructor(
    readonly now: () => number,
    private readonly onlyAdminIntegrations = true,
  ) {}

  /** Post timestamps in ms, strictly increasing so ordering by create_at is stable. */
  millis(): number {
    this.lastMillis = Math.max(this.now(), this.lastMillis + 1);
    return this.lastMillis;
  }

  addUser(input: MattermostUserInput): MattermostUser {
    const user: MattermostUser = {
      id: input.id,
      username: input.username,
      isBot: input.isBot ?? false,
      email: input.email ?? `${input.username}@example.com`,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      roles: input.roles ?? 'system_user',
      teamIds: new Set(input.teamIds ?? []),
      teamAdminIds: new Set(input.teamAdminIds ?? []),
      createAt: this.now(),
    };
    this.users.set(user.id, user);
    for (const token of [...(input.token === undefined ? [] : [input.token]), ...(input.tokens ?? [])])
      this.tokens.set(token, user.id);
    return user;
  }

  addTeam(input: MattermostTeamInput): MattermostTeam {
    const team: MattermostTeam = {
      id: input.id,
      name: input.name,
      displayName: input.displayName ?? input.name,
      type: input.type ?? 'O',
      createAt: this.now(),
    };
    this.teams.set(team.id, team);
    return team;
  }

  addChannel(input: MattermostChannelInput): MattermostChannel {
    if (!this.teams.has(input.teamId)) this.addTeam({ id: input.teamId, name: input.teamId });
    const channel: MattermostChannel = {
      id: input.id,
      teamId: input.teamId,
      name: input.name,
      displayName: input.displayName ?? input.name,
      type: input.type,
      members: new Set(input.members ?? []),
      deleteAt: input.archived === true ? this.now() : 0,
      createAt: this.now(),
      creatorId: input.members?.[0] ?? '',
      lastPostAt: 0,
      totalMsgCount: 0,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channelByName(teamId: string, name: string): MattermostChannel | undefined {
    for (const channel of this.channels.values())
      if (channel.teamId === teamId && channel.name === name) return channel;
    return undefined;
  }

  /** The direct channel between two users, created on first use (ids joined with `__`, as Mattermost names them). */
  directChannel(userA: string, userB: string): MattermostChannel {
    const name = [userA, userB].sort().join('__');
    const existing = this.channels.get(name);
    if (existing !== undefined) return existing;
    const channel: MattermostChannel = {
      id: name,
      teamId: '',
      name,
      displayName: '',
      type: 'D',
      members: new Set([userA, userB]),
      deleteAt: 0,
      createAt: this.now(),
      creatorId: userA,
      lastPostAt: 0,
      totalMsgCount: 0,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  hasRole(userId: string | undefined, role: string): boolean {
    if (userId === undefined) return false;
    return this.users.get(userId)?.roles.split(' ').includes(role) ?? false;
  }

  /** `manage_own_slash_commands` in a team: system admins, its team admins, or any member when integrations are not admin-only. */
  canManageCommands(userId: string, teamId: string): boolean {
    if (this.hasRole(userId, 'system_admin')) return true;
    const user = this.users.get(userId);
    if (user === undefined || !user.teamIds.has(teamId)) return false;
    return user.teamAdminIds.has(teamId) || !this.onlyAdminIntegrations;
  }

  /** `manage_others_slash_commands`: system admins and the team's admins. */
  canManageOthersCommands(userId: string, teamId: string): boolean {
    if (this.hasRole(userId, 'system_admin')) return true;
    const user = this.users.get(userId);
    return user !== undefined && user.teamIds.has(teamId) && user.teamAdminIds.has(teamId);
  }

  /** Mattermost's create_post rule: members may post; non-members only with the post_all roles. */
  canPost(userId: string, channel: MattermostChannel): boolean {
    if (channel.members.has(userId) || this.hasRole(userId, 'system_admin') || this.hasRole(userId, 'system_post_all'))
      return true;
    return (
      channel.type === 'O' &&
      this.hasRole(userId, 'system_post_all_public') &&
      (this.users.get(userId)?.teamIds.has(channel.teamId) ?? false)
    );
  }

  /** Reading: members, or any team member for public channels. */
  canRead(userId: string, channel: MattermostChannel): boolean {
    if (channel.members.has(userId) || this.hasRole(userId, 'system_admin')) return true;
    return channel.type === 'O' && (this.users.get(userId)?.teamIds.has(channel.teamId) ?? false);
  }

  newPost(
    fields: Pick<MattermostPost, 'user_id' | 'channel_id' | 'message'> & Partial<MattermostPost>,
  ): MattermostPost {
    const at = this.millis();
    const post: MattermostPost = {
      id: mattermostId(),
      create_at: at,
      update_at: at,
      edit_at: 0,
      delete_at: 0,
      is_pinned: false,
      root_id: '',
      original_id: '',
      type: '',
      props: {},
      hashtags: '',
      pending_post_id: '',
      reply_count: 0,
      last_reply_at: 0,
      participants: null,
      metadata: {},
      ...fields,
    };
    this.posts.set(post.id, post);
    const channel = this.channels.get(post.channel_id);
    if (channel !== undefined) {
      channel.lastPostAt = at;
      channel.totalMsgCount += 1;
    }
    if (post.root_id !== '') {
      const root = this.posts.get(post.root_id);
      if (root !== undefined) {
        root.reply_count += 1;
        root.last_reply_at = at;
      }
    }
    return post;
  }

  clear(): void {
    this.users.clear();
    this.tokens.clear();
    this.teams.clear();
    this.channels.clear();
    this.posts.clear();
    this.commands.clear();
    this.lastMillis = 0;
  }
}
