import { type KnownBlock } from '@slack/types';

/** A Slack message attachment, as GitLab's notifications use them (legacy attachments). */
export interface SlackAttachment {
  fallback?: string;
  color?: string;
  pretext?: string;
  author_name?: string;
  author_icon?: string;
  author_link?: string;
  title?: string;
  title_link?: string;
  text?: string;
  fields?: Array<{ title: string; value: string; short?: boolean }>;
  footer?: string;
  footer_icon?: string;
  ts?: number;
  mrkdwn_in?: string[];
}

/** The provider-specific body of one Slack message, independent of where it is sent. */
export interface SlackMessageBody {
  /** Absent in a reply made of attachments alone. */
  text?: string;
  attachments?: SlackAttachment[];
  /** Block Kit blocks (a message with buttons); `text` is then what notifications show. */
  blocks?: KnownBlock[];
  username?: string;
  icon_url?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  thread_ts?: string;
}

/** What a command's response URL takes: a message, who sees it, and whether it replaces the original. */
export interface SlackReplyBody extends SlackMessageBody {
  response_type: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}
