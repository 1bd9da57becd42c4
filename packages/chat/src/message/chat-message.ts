/**
 * One chat message, independent of the chat: notifications, slash-command replies and (later)
 * the messages of incident views are all written in this model and rendered per platform by
 * `renderMessage` / `renderReply`.
 *
 * Every text is plain text whose only markup is the link, `[label](url)` (see message/markup.ts):
 * Slack's renderer turns links into `<url|label>` (as GitLab's LinkFormatter does) and escapes
 * `&`, `<` and `>` everywhere else; Mattermost's keeps markdown links and breaks `@channel`,
 * `@all` and `@here` everywhere else. So text written in GitLab (names, titles, descriptions,
 * comments, commit messages, job output) shows as written and can mention no one: there is no
 * way to write raw Slack or Mattermost syntax into a message. Titles, author names, footers and
 * field titles take no links at all.
 */
export interface ChatMessage {
  /** The message text; a reply may consist of attachments alone. With buttons, also what a notification shows. */
  text?: string;
  attachments?: ChatAttachment[];
  /** Buttons under the message, which the chat posts back to the app when one is clicked. */
  buttons?: ChatButtons;
  /**
   * The texts are shown as written, links included: no link is converted anywhere in the message
   * (a job's output, a name the user typed, which GitLab posts without converting). They are still
   * made literal like any text.
   */
  verbatim?: boolean;
  /**
   * Slack user ids the message means to mention, written `<@ID>` in its texts (the user who ran
   * a ChatOps job, the declarer of an incident). Only these become mentions; any other `<@…>`
   * shows literally. The ids come from the chat, never from GitLab.
   */
  mentions?: string[];
}

/** Slack's legacy attachment, which Mattermost accepts as well: a card with a colour bar. */
export interface ChatAttachment {
  fallback?: string;
  color?: string;
  pretext?: string;
  authorName?: string;
  authorIcon?: string;
  authorLink?: string;
  title?: string;
  titleLink?: string;
  text?: string;
  fields?: ChatField[];
  footer?: string;
  footerIcon?: string;
  /** Seconds since the epoch. */
  ts?: number;
  /** The parts Slack renders as mrkdwn (`mrkdwn_in`), when the message says so. */
  markdownIn?: Array<'title' | 'pretext' | 'text' | 'fields'>;
}

/**
 * Buttons under a message. A click reaches the app with the button's `actionId` and `value`
 * (Slack: a signed `block_actions` payload to the app's interactivity URL; Mattermost: a POST to
 * `actionUrl` whose `context.choice` is the value, unsigned, so sign what must not be forged).
 *
 * Slack shows the message's text in a section with the buttons in actions blocks below (Slack
 * takes an action id once per block, so buttons sharing one are stacked, one per block);
 * Mattermost, as an attachment's actions.
 */
export interface ChatButtons {
  /** At most 25 (one Slack actions block's worth). */
  items: ChatButton[];
  /** Where Mattermost posts a click (the gateway's `/mattermost/actions`); Slack posts to the app's interactivity URL. */
  actionUrl: string;
}

export interface ChatButton {
  /** The label, plain text (Slack cuts it at 75 characters). */
  text: string;
  /** What the click is about, the same for buttons doing the same thing (e.g. "which incident?"). */
  actionId: string;
  /** Tells the buttons of one action apart (at most 2000 characters). */
  value: string;
  style?: 'primary' | 'danger';
}

export interface ChatField {
  title: string;
  value: string;
  short: boolean;
  /** Shown as written (a comment, a job's output): its links are not converted. */
  verbatim?: boolean;
}

/** Who sees a reply to a slash command: the user who typed it, or the whole channel. */
export type ReplyVisibility = 'ephemeral' | 'in_channel';

/** A reply to a slash command, posted to the command's `response_url`. */
export interface ChatReply extends ChatMessage {
  visibility: ReplyVisibility;
  /** Replace the message the command's interaction came from (Slack and Mattermost both honour it). */
  replaceOriginal?: boolean;
}

/** A reply only the user who typed the command sees. */
export function ephemeral(message: ChatMessage): ChatReply {
  return { visibility: 'ephemeral', ...message };
}

/** A reply the whole channel sees. */
export function inChannel(message: ChatMessage): ChatReply {
  return { visibility: 'in_channel', ...message };
}

/** A reply with nothing to show (Slack's `run` answer): posting it is skipped. */
export function isEmptyMessage(message: ChatMessage): boolean {
  return !message.text && !message.attachments?.length && !message.buttons?.items.length;
}
