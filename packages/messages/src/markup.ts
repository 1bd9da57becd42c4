import { type WebhookUser } from '@chatops/gitlab';

export const DEFAULT_ATTACHMENT_COLOR = '#334455';

/**
 * Removes the characters that build Slack and markdown links (`< > [ ] |`) from text written by
 * users (titles, names), so a crafted title cannot forge a link or break ours.
 */
export function stripMarkup(text: string): string {
  return text.replace(/[<>[\]|]/g, '');
}

/** A markdown link whose label cannot break out of its brackets. */
export function markdownLink(label: string, url: string): string {
  return `[${stripMarkup(label)}](${url})`;
}

/**
 * Neutralises Slack link syntax (`<url|label>`) in user-written text such as issue descriptions,
 * so it shows literally instead of becoming a disguised link (GitLab's sanitize_slack_link).
 */
export function neutraliseSlackLinks(text: string): string {
  return text.replace(/<([^|<>]*[|][^|<>]*)>/g, '&lt;$1&gt;');
}

/** The first line of a multi-line text (titles, commit messages). */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/**
 * GitLab's `user_combined_name`: "Full Name (username)", or just the username when the full name
 * is blank.
 */
export function userCombinedName(user: WebhookUser | null | undefined): string {
  const username = user?.username ?? '';
  return user?.name?.trim() ? `${user.name} (${username})` : username;
}

const RELATIVE_UPLOAD = /!\[[^\]]*\]\((\/uploads\/[^)]*)\)/g;

/**
 * GitLab's `format_relative_links`: an image markup pointing at a project upload
 * (`![alt](/uploads/…)`) is replaced by the absolute upload URL, which chat apps can open.
 */
export function expandRelativeUploads(text: string, projectUrl: string): string {
  return text.replace(RELATIVE_UPLOAD, (_match, path: string) => `${projectUrl}${path}`);
}
