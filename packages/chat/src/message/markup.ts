/*
 * Markup in the neutral message model. A text is plain text whose only markup is the link,
 * written `[label](url)`: chatops' own links (markdownLink), and the links of GitLab markdown that
 * a message shows (descriptions, comments). Everything else is literal: each platform's renderer
 * (slack/slack-text.ts, mattermost/mattermost-text.ts) makes it so in its own syntax, which is what
 * keeps text written in GitLab from mentioning anyone or forging a link there. Emphasis (`*`, `_`,
 * backticks) reads the same on both platforms and is left alone.
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

/** A piece of a text: literal text, a link, or a chat user the message means to mention. */
export type MarkupSegment =
  { kind: 'text'; text: string } | { kind: 'link'; label: string; url: string } | { kind: 'mention'; userId: string };

export interface MarkupOptions {
  /** Markdown links, `[label](url)` with an http(s) or mailto URL. */
  markdownLinks: boolean;
  /** HTML links, `<a href="url">label</a>`, which GitLab's Slack link formatter converts too. */
  htmlLinks: boolean;
  /** Chat user ids whose mention, `<@ID>`, is chatops' own (ChatMessage.mentions). */
  mentions: readonly string[];
}

// Characters GitLab's LinkFormatter accepts in a markdown link URL (RFC 3986 sans parens): none of
// them is `<`, `>` or `|`, so a URL can never end a Slack link early.
const URL_CHARS = "[\\w\\-.~:/?#[\\]@!$&'*+,;=%]";
const MARKDOWN_LINK = `\\[([^[\\]]*)\\]\\(((?:https?://|mailto:)${URL_CHARS}*(?:\\(${URL_CHARS}*\\)${URL_CHARS}*)?)\\)`;
// Only http(s) and mailto URLs, without the characters that delimit Slack's syntax.
const HTML_LINK = `<a\\s[^>]*?href=(["'])((?:https?://|mailto:)[^"'<>|\\s]*)\\1[^>]*>(.*?)</a>`;

interface Pattern {
  regex: RegExp;
  segment(match: RegExpExecArray): MarkupSegment;
}

/**
 * A text as the segments its renderer handles one by one: the links and mentions the options
 * allow, and the literal text between them.
 */
export function parseMarkup(text: string, options: MarkupOptions): MarkupSegment[] {
  const patterns: Pattern[] = [];
  if (options.htmlLinks) {
    patterns.push({
      regex: new RegExp(HTML_LINK, 'gi'),
      segment: (m) => ({ kind: 'link', url: m[2] ?? '', label: m[3] ?? '' }),
    });
  }
  if (options.markdownLinks) {
    patterns.push({
      regex: new RegExp(MARKDOWN_LINK, 'g'),
      segment: (m) => ({ kind: 'link', label: m[1] ?? '', url: m[2] ?? '' }),
    });
  }
  if (options.mentions.length > 0) {
    const ids = options.mentions.map((id) => id.replace(/[^A-Za-z0-9]/g, '')).filter((id) => id !== '');
    if (ids.length > 0)
      patterns.push({
        regex: new RegExp(`<@(${ids.join('|')})>`, 'g'),
        segment: (m) => ({ kind: 'mention', userId: m[1] ?? '' }),
      });
  }

  const segments: MarkupSegment[] = [];
  let position = 0;
  for (;;) {
    // The earliest match of any pattern; at the same position the first pattern wins.
    let next: { match: RegExpExecArray; pattern: Pattern } | undefined;
    for (const pattern of patterns) {
      pattern.regex.lastIndex = position;
      const match = pattern.regex.exec(text);
      if (match && (!next || match.index < next.match.index)) next = { match, pattern };
    }
    if (!next) break;
    if (next.match.index > position) segments.push({ kind: 'text', text: text.slice(position, next.match.index) });
    segments.push(next.pattern.segment(next.match));
    position = next.match.index + next.match[0].length;
  }
  if (position < text.length) segments.push({ kind: 'text', text: text.slice(position) });
  return segments;
}
