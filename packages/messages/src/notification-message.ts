/**
 * A chat notification independent of the chat provider, in GitLab's own message model:
 * `text` and attachment texts use markdown links `[label](url)`, which each provider's
 * renderer turns into its own link syntax.
 */
export interface NotificationMessage {
  text: string;
  attachments: MessageAttachment[];
}

export interface MessageAttachment {
  title?: string;
  titleLink?: string;
  text?: string;
  color?: string;
  fields?: Array<{ title: string; value: string; short: boolean }>;
  authorName?: string;
  authorIcon?: string;
  authorLink?: string;
  footer?: string;
  footerIcon?: string;
  /** Seconds since the epoch. */
  ts?: number;
  fallback?: string;
}
