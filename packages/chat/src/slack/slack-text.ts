import { parseMarkup } from '../message/markup';

/**
 * Text as Slack must receive it: `&`, `<` and `>` are Slack's control characters and are sent as
 * `&amp;`, `&lt;` and `&gt;` (and only those three), so Slack shows them as typed and parses
 * nothing: no `<!channel>`, `<@U…>`, `<!subteam^…>`, `<#C…>` or `<url|label>` in it takes effect.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A neutral text (see message/markup.ts) in Slack's syntax. With `links`, markdown and HTML links
 * become `<url|label>` as GitLab's LinkFormatter makes them (`<url>` with no label); the mentions
 * named become `<@ID>`; everything else, link labels included, is escaped.
 */
export function slackText(text: string, options: { links: boolean; mentions?: readonly string[] }): string {
  const segments = parseMarkup(text, {
    markdownLinks: options.links,
    htmlLinks: options.links,
    mentions: options.mentions ?? [],
  });
  return segments
    .map((segment) => {
      switch (segment.kind) {
        case 'text':
          return escapeSlackText(segment.text);
        case 'link':
          return segment.label === '' ? `<${segment.url}>` : `<${segment.url}|${escapeSlackText(segment.label)}>`;
        case 'mention':
          return `<@${segment.userId}>`;
      }
    })
    .join('');
}
