// Characters GitLab's LinkFormatter accepts in a markdown link URL (RFC 3986 sans parens).
const URL_CHARS = "[\\w\\-.~:/?#[\\]@!$&'*+,;=%]";
const MARKDOWN_LINK = new RegExp(
  `\\[([^[\\]]*)\\]\\(((?:https?://|mailto:)${URL_CHARS}*(?:\\(${URL_CHARS}*\\)${URL_CHARS}*)?)\\)`,
  'g',
);
const HTML_LINK = /<a\s[^>]*?href=(["'])(.*?)\1[^>]*>(.*?)<\/a>/gi;

/**
 * Slack's link syntax from markdown and HTML links, as GitLab's LinkFormatter does:
 * `<a href="URL">TEXT</a>` and `[TEXT](URL)` become `<URL|TEXT>` (`<URL>` with no text).
 * Only http(s) and mailto URLs are converted; anything else stays as written.
 */
export function formatSlackLinks(text: string): string {
  return text
    .replace(HTML_LINK, (_m, _q: string, url: string, label: string) => slackLink(url, label))
    .replace(MARKDOWN_LINK, (_m, label: string, url: string) => slackLink(url, label));
}

function slackLink(url: string, label: string): string {
  return label === '' ? `<${url}>` : `<${url}|${label}>`;
}
