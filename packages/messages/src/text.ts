import { type WebhookUser } from '@chatops/gitlab';

/*
 * How GitLab's notifications write the parts of a message (its ChatMessage::BaseMessage helpers).
 * Link safety (stripMarkup, markdownLink) is the chat model's: see @chatops/chat.
 */

export const DEFAULT_ATTACHMENT_COLOR = '#334455';

/** Rails' `Array#to_sentence` in English, which GitLab's texts use: "A", "A and B", "A, B, and C". */
export function toSentence(words: readonly string[]): string {
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -1).join(', ')}, and ${words.at(-1) ?? ''}`;
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

/**
 * A branch or tag name as a URL path (`…/-/commits/<ref>`): each segment percent-encoded, slashes
 * kept. Git allows `<`, `>`, `|`, `&` and parentheses in ref names, which would end a chat link
 * early; encoded, a hostile branch name keeps our link whole. Ordinary names are unchanged.
 */
export function refPath(ref: string): string {
  return ref
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29')))
    .join('/');
}

const RELATIVE_UPLOAD = /!\[[^\]]*\]\((\/uploads\/[^)]*)\)/g;

/**
 * GitLab's `format_relative_links`: an image markup pointing at a project upload
 * (`![alt](/uploads/…)`) is replaced by the absolute upload URL, which chat apps can open.
 */
export function expandRelativeUploads(text: string, projectUrl: string): string {
  return text.replace(RELATIVE_UPLOAD, (_match, path: string) => `${projectUrl}${path}`);
}
