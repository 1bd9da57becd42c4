import { CHAT_PLATFORMS, type ChatPlatform } from '@chatops/chat';
import { createMattermostCommand, type Db, saveSlackInstallation, type SecretBox } from '@chatops/db';
import { type FakeMattermost, type FakeSlack } from '@chatops/testing';
import { waitFor } from './wait';

/*
 * The chat side of a worker service's harness: one Slack workspace and one Mattermost team, each
 * with a bot and a #general / town square channel. The ids are shared by the fakes, the rows the
 * service reads (installation, connection, command) and the jobs a test queues, hence one place.
 */

export const PROVIDERS = CHAT_PLATFORMS;
export const TEAM: Record<ChatPlatform, string> = { slack: 'T0TEAM0001', mattermost: 'mmteamaaaaaaaaaaaaaaaaaaaa' };
export const CHANNEL: Record<ChatPlatform, string> = { slack: 'C0GENERAL1', mattermost: 'mmtownsquareaaaaaaaaaaaaaa' };
const SLACK_BOT = { userId: 'U0BOT00001', token: 'xoxb-test' };
const MATTERMOST_BOT = { userId: 'mmbotaaaaaaaaaaaaaaaaaaaaa', token: 'mm-bot-token' };

/** The chat user id of a role in each chat (a Mattermost id has 26 characters). */
export function chatUser(provider: ChatPlatform, role: string): string {
  return provider === 'slack' ? `U0${role.toUpperCase()}` : `mm${role}`.padEnd(26, 'a').slice(0, 26);
}

export interface FakeChats {
  readonly slack: FakeSlack;
  readonly mattermost: FakeMattermost;
}

/** The database's side of the chats: the Slack installation, the Mattermost connection and its `/gitlab` command. */
export interface ChatInstallations {
  slackInstallationId: string;
  mattermostConnectionId: string;
  /** The Mattermost command that takes a project alias. */
  mattermostCommandId: string;
}

/** Saves the Slack installation and the Mattermost connection (to the fake at `mattermostUrl`) with its `/gitlab` command. */
export async function seedChatInstallations(db: Db, box: SecretBox, mattermostUrl: string): Promise<ChatInstallations> {
  const installation = await saveSlackInstallation(db, box, {
    teamId: TEAM.slack,
    teamName: 'Acme',
    botUserId: SLACK_BOT.userId,
    botToken: SLACK_BOT.token,
    scopes: ['commands', 'chat:write'],
  });
  const connection = await db.mattermostConnection.create({
    data: { name: 'mm', url: mattermostUrl, botTokenSealed: box.seal(MATTERMOST_BOT.token) },
  });
  const command = await createMattermostCommand(db, {
    connectionId: connection.id,
    teamId: TEAM.mattermost,
    trigger: '/gitlab',
    token: 'mm-command-token',
  });
  return {
    slackInstallationId: installation.id,
    mattermostConnectionId: connection.id,
    mattermostCommandId: command.id,
  };
}

/** Resets the fake chats to the workspace and the team: the bot, the channel and a chat user per role. */
export function seedFakeChats(chats: FakeChats, users: Record<string, { username: string }>): void {
  const people = Object.entries(users);
  chats.slack.reset();
  chats.slack.addWorkspace({
    teamId: TEAM.slack,
    teamName: 'Acme',
    botToken: SLACK_BOT.token,
    botUserId: SLACK_BOT.userId,
    channels: [{ id: CHANNEL.slack, name: 'general' }],
    users: people.map(([role, { username }]) => ({ id: chatUser('slack', role), name: username })),
  });
  const { mattermost } = chats;
  mattermost.reset();
  mattermost.addTeam({ id: TEAM.mattermost, name: 'acme' });
  const bot = { id: MATTERMOST_BOT.userId, username: 'gitlab', token: MATTERMOST_BOT.token };
  mattermost.addUser({ ...bot, teamIds: [TEAM.mattermost], isBot: true });
  for (const [role, { username }] of people)
    mattermost.addUser({ id: chatUser('mattermost', role), username, teamIds: [TEAM.mattermost] });
  mattermost.addChannel({ id: CHANNEL.mattermost, teamId: TEAM.mattermost, name: 'town-square', type: 'O' });
}

/** One post a chat received at a response URL (refused ones included). */
export interface ResponsePost {
  payload: Record<string, unknown> | undefined;
  status: number;
}

/** A new response URL of the chat (a slash command's, or a Slack click's). */
export const newResponseUrl = (chats: FakeChats, provider: ChatPlatform): string =>
  provider === 'slack' ? chats.slack.createResponseUrl() : chats.mattermost.createResponseUrl();

/** Every post the chat received at a response URL. */
export const responsesAt = (chats: FakeChats, provider: ChatPlatform, url: string): ResponsePost[] =>
  provider === 'slack' ? chats.slack.responses(url) : chats.mattermost.responses(url);

/** Waits for the `count`-th accepted post at a response URL and returns its payload, exactly as posted. */
export function replyAt(
  chats: FakeChats,
  provider: ChatPlatform,
  url: string,
  count = 1,
): Promise<Record<string, unknown>> {
  return waitFor(
    () => {
      const accepted = responsesAt(chats, provider, url).filter((post) => post.status === 200);
      return accepted.length >= count ? (accepted[count - 1]?.payload ?? {}) : undefined;
    },
    { timeoutMs: 15_000, what: `reply #${count} at ${url}` },
  );
}

/** Slack shows `[label](url)` links as `<url|label>`; Mattermost keeps the markdown. */
export function link(provider: ChatPlatform, label: string, url: string): string {
  return provider === 'slack' ? `<${url}|${label}>` : `[${label}](${url})`;
}
