/*
 * Markup in the neutral message model: links are markdown, `[label](url)`. Text written by users
 * (titles, names, descriptions) must not be able to forge a link or break one of ours.
 */

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
