import { type MattermostPost, type SlackMessage } from '@chatops/testing';
import { DEMO, type Platform } from '../config';
import { type DemoWorld } from '../world/demo-world';
import { type CommandEntry } from './slash-commands';

/** A message as the viewer shows it, whichever chat it is in. */
export interface ViewMessage {
  id: string;
  at: number;
  author: string;
  bot: boolean;
  /** Slack mrkdwn or Mattermost markdown, as posted. */
  text: string;
  attachments: Array<Record<string, unknown>>;
  blocks: Array<Record<string, unknown>>;
  edited: boolean;
  /**
   * Changed after posting without the chat marking it edited: Mattermost sets its "Edited" mark
   * only when the text changes, so a pipeline card whose attachment was updated carries none.
   */
  updated: boolean;
  /** `you`: a reply only the person who ran the command sees (ephemeral). */
  visibility: 'channel' | 'you';
  /** `command`: a slash command you ran from the viewer. */
  kind: 'message' | 'command';
  replies: ViewMessage[];
}

export interface ViewChannel {
  id: string;
  name: string;
  messages: ViewMessage[];
}

export interface ViewPlatform {
  platform: Platform;
  workspace: string;
  channels: ViewChannel[];
}

const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];

/** Roots in time order, each with its replies in time order; a reply whose root is gone stays top-level. */
function threaded(messages: Array<ViewMessage & { rootId?: string }>): ViewMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const roots: ViewMessage[] = [];
  for (const message of [...messages].sort((a, b) => a.at - b.at)) {
    const root = message.rootId === undefined ? undefined : byId.get(message.rootId);
    const { rootId: _rootId, ...plain } = message;
    if (root !== undefined && root !== message) root.replies.push(plain);
    else roots.push(plain);
  }
  return roots;
}

function message(fields: Partial<ViewMessage> & Pick<ViewMessage, 'id' | 'at' | 'author' | 'text'>): ViewMessage {
  return {
    bot: true,
    attachments: [],
    blocks: [],
    edited: false,
    updated: false,
    visibility: 'channel',
    kind: 'message',
    replies: [],
    ...fields,
  };
}

/**
 * A slash command you ran and the replies only you see, as Slack and Mattermost show them: each
 * post to the response URL, a later one replacing an earlier one when it says `replace_original`.
 * Replies posted `in_channel` are channel messages already (the fakes post them there).
 */
function commandItems(entry: CommandEntry, replies: Array<{ payload?: Record<string, unknown>; at: number }>) {
  const items: ViewMessage[] = [
    message({
      id: `cmd-${entry.at}`,
      at: entry.at,
      author: 'you',
      bot: false,
      text: entry.text,
      kind: 'command',
      visibility: 'you',
    }),
  ];
  if (entry.error !== undefined)
    items.push(
      message({ id: `cmd-${entry.at}-error`, at: entry.at, author: 'gateway', text: entry.error, visibility: 'you' }),
    );
  const ephemeral: ViewMessage[] = [];
  for (const [index, reply] of replies.entries()) {
    const payload = reply.payload ?? {};
    if (payload['response_type'] === 'in_channel') continue;
    if (payload['delete_original'] === true) {
      ephemeral.pop();
      continue;
    }
    const item = message({
      id: `cmd-${entry.at}-${index}`,
      at: reply.at,
      author: entry.platform === 'slack' ? DEMO.slack.botName : DEMO.mattermost.botName,
      text: typeof payload['text'] === 'string' ? payload['text'] : '',
      attachments: records(payload['attachments']),
      blocks: records(payload['blocks']),
      visibility: 'you',
    });
    if (payload['replace_original'] === true && ephemeral.length > 0) {
      ephemeral[ephemeral.length - 1] = { ...item, at: ephemeral[ephemeral.length - 1]?.at ?? item.at, edited: true };
    } else ephemeral.push(item);
  }
  return [...items, ...ephemeral];
}

function slackMessage(m: SlackMessage): ViewMessage & { rootId?: string } {
  const { slack } = DEMO;
  const author =
    m.user === slack.you.id ? 'you' : (m.username ?? (m.user === slack.botUserId ? slack.botName : m.user));
  return {
    ...message({
      id: m.ts,
      at: Math.round(Number(m.ts) * 1000),
      author,
      bot: m.bot_id !== undefined,
      text: m.text,
      attachments: records(m.attachments),
      blocks: records(m.blocks),
      edited: m.edited !== undefined,
    }),
    ...(m.thread_ts !== undefined && m.thread_ts !== m.ts ? { rootId: m.thread_ts } : {}),
  };
}

function mattermostPost(p: MattermostPost): ViewMessage & { rootId?: string } {
  const { mattermost } = DEMO;
  const override = p.props['override_username'];
  const author =
    typeof override === 'string' && override !== ''
      ? override
      : p.user_id === mattermost.botUserId
        ? mattermost.botName
        : p.user_id === mattermost.you.id
          ? 'you'
          : p.user_id;
  return {
    ...message({
      id: p.id,
      at: p.create_at,
      author,
      bot: p.user_id === mattermost.botUserId || p.props['from_webhook'] === 'true',
      text: p.message,
      attachments: records(p.props['attachments']),
      edited: p.edit_at > 0,
      updated: p.edit_at === 0 && p.update_at > p.create_at,
    }),
    ...(p.root_id !== '' ? { rootId: p.root_id } : {}),
  };
}

/** What the fakes hold right now, with the commands run from the viewer, per platform and channel. */
export function buildTimeline(world: DemoWorld, commands: readonly CommandEntry[]): ViewPlatform[] {
  const commandsIn = (platform: Platform, channelId: string) =>
    commands
      .filter((entry) => entry.platform === platform && entry.channelId === channelId)
      .flatMap((entry) =>
        commandItems(
          entry,
          platform === 'slack'
            ? world.slack.responses(entry.responseUrl)
            : world.mattermost.responses(entry.responseUrl),
        ),
      );
  return [
    {
      platform: 'slack',
      workspace: DEMO.slack.teamName,
      channels: DEMO.slack.channels.map((channel) => ({
        ...channel,
        messages: threaded([
          ...world.slack.messages(channel.id, DEMO.slack.teamId).map(slackMessage),
          ...commandsIn('slack', channel.id),
        ]),
      })),
    },
    {
      platform: 'mattermost',
      workspace: DEMO.mattermost.teamDisplayName,
      channels: DEMO.mattermost.channels.map((channel) => ({
        ...channel,
        messages: threaded([
          ...world.mattermost
            .posts(channel.id)
            .filter((p) => p.delete_at === 0)
            .map(mattermostPost),
          ...commandsIn('mattermost', channel.id),
        ]),
      })),
    },
  ];
}
