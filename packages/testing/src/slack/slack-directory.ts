import { slackId } from '../shared/ids.js';
import {
  DEFAULT_BOT_SCOPES,
  type SlackChannel,
  type SlackChannelInput,
  type SlackUserInput,
  type SlackWorkspaceInput,
} from './types.js';

export interface SlackWorkspace {
  teamId: string;
  teamName: string;
  domain: string;
  botUserId: string;
  botId: string;
  appId: string;
  users: Map<string, SlackUserInput>;
  channelsByName: Map<string, SlackChannel>;
}

/** What a token stands for. Bot and user tokens both act as `userId` within `teamId`. */
export interface TokenGrant {
  token: string;
  teamId: string;
  userId: string;
  kind: 'bot' | 'user';
  scopes: Set<string>;
  revoked: boolean;
}

/** Workspaces, their channels and users, and the tokens that act in them. */
export class SlackDirectory {
  readonly workspaces = new Map<string, SlackWorkspace>();
  /** Channel ids are unique across workspaces in Slack, so one index serves lookups by id. */
  readonly channels = new Map<string, SlackChannel>();
  readonly tokens = new Map<string, TokenGrant>();

  constructor(private readonly now: () => number) {}

  addWorkspace(input: SlackWorkspaceInput): SlackWorkspace {
    if (this.workspaces.has(input.teamId)) throw new Error(`workspace ${input.teamId} already exists`);
    const teamName = input.teamName ?? input.teamId;
    const workspace: SlackWorkspace = {
      teamId: input.teamId,
      teamName,
      domain: input.domain ?? (teamName.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || input.teamId.toLowerCase()),
      botUserId: input.botUserId,
      botId: input.botId ?? slackId('B'),
      appId: input.appId ?? 'A0FAKEAPP01',
      users: new Map(),
      channelsByName: new Map(),
    };
    this.workspaces.set(workspace.teamId, workspace);
    this.grantToken({
      token: input.botToken,
      teamId: input.teamId,
      userId: input.botUserId,
      kind: 'bot',
      scopes: input.scopes,
    });
    for (const user of input.users ?? []) this.addUser(input.teamId, user);
    for (const channel of input.channels ?? []) this.addChannel(input.teamId, channel);
    return workspace;
  }

  grantToken(grant: {
    token: string;
    teamId: string;
    userId: string;
    kind: 'bot' | 'user';
    scopes?: readonly string[];
  }): void {
    this.tokens.set(grant.token, {
      token: grant.token,
      teamId: grant.teamId,
      userId: grant.userId,
      kind: grant.kind,
      scopes: new Set(grant.scopes ?? DEFAULT_BOT_SCOPES),
      revoked: false,
    });
  }

  addUser(teamId: string, user: SlackUserInput): void {
    this.workspace(teamId).users.set(user.id, user);
  }

  addChannel(teamId: string, input: SlackChannelInput, creator?: string): SlackChannel {
    const workspace = this.workspace(teamId);
    if (this.channels.has(input.id)) throw new Error(`channel ${input.id} already exists`);
    const channel: SlackChannel = {
      id: input.id,
      teamId,
      name: input.name,
      isPrivate: input.isPrivate ?? false,
      isIm: false,
      isArchived: input.isArchived ?? false,
      members: input.members === undefined && !(input.isPrivate ?? false) ? undefined : new Set(input.members ?? []),
      created: Math.floor(this.now() / 1000),
      creator: creator ?? workspace.botUserId,
    };
    this.channels.set(channel.id, channel);
    workspace.channelsByName.set(channel.name, channel);
    return channel;
  }

  workspace(teamId: string): SlackWorkspace {
    const workspace = this.workspaces.get(teamId);
    if (workspace === undefined) throw new Error(`unknown workspace ${teamId}: addWorkspace() first`);
    return workspace;
  }

  /** A channel of the workspace by id, `#name` or `name` (how chat.postMessage accepts it). */
  resolveChannel(teamId: string, ref: string): SlackChannel | undefined {
    const byId = this.channels.get(ref);
    if (byId !== undefined) return byId.teamId === teamId ? byId : undefined;
    const name = ref.startsWith('#') ? ref.slice(1) : ref;
    return this.workspaces.get(teamId)?.channelsByName.get(name);
  }

  /** A channel by id, or by name in the given workspace or else the first workspace that has it. */
  findChannel(ref: string, teamId?: string): SlackChannel | undefined {
    if (teamId !== undefined) return this.resolveChannel(teamId, ref);
    const byId = this.channels.get(ref);
    if (byId !== undefined) return byId;
    for (const workspace of this.workspaces.values()) {
      const found = this.resolveChannel(workspace.teamId, ref);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  isMember(channel: SlackChannel, userId: string): boolean {
    if (channel.members !== undefined) return channel.members.has(userId);
    return this.workspaces.get(channel.teamId)?.users.has(userId) ?? false;
  }

  addMember(channel: SlackChannel, userId: string): void {
    // An "everyone" channel becomes an explicit list the first time someone joins, so the joiner is counted.
    if (channel.members === undefined)
      channel.members = new Set(this.workspaces.get(channel.teamId)?.users.keys() ?? []);
    channel.members.add(userId);
  }

  /** The direct-message channel between the bot and a user, opened on first use like Slack does for `channel: U…`. */
  openIm(teamId: string, botUserId: string, userId: string): SlackChannel {
    const id = `D${userId.slice(1)}`;
    const existing = this.channels.get(id);
    if (existing !== undefined) return existing;
    const channel: SlackChannel = {
      id,
      teamId,
      name: userId,
      isPrivate: true,
      isIm: true,
      isArchived: false,
      members: new Set([botUserId, userId]),
      created: Math.floor(this.now() / 1000),
      creator: botUserId,
    };
    this.channels.set(id, channel);
    return channel;
  }

  clear(): void {
    this.workspaces.clear();
    this.channels.clear();
    this.tokens.clear();
  }
}
