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
