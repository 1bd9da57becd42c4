import { escapeHtml, linkHtml } from './escape';
import { clean, emoji, lines, span, Stash } from './stash';

function emphasis(html: string): string {
  let s = span(html, '**', 'strong');
  s = span(s, '__', 'strong');
  s = span(s, '~~', 'del');
  s = span(s, '*', 'em');
  return span(s, '_', 'em');
}

/** Headings and list items, per line, as Mattermost shows them. */
function line(text: string): string {
  const heading = /^#{1,6}\s+(.*)$/.exec(text);
  if (heading) return `<strong class="md-heading">${heading[1] ?? ''}</strong>`;
  const item = /^(\s*)[-*+]\s+(.*)$/.exec(text);
  if (item) return `${'&nbsp;'.repeat((item[1] ?? '').length * 2)}• ${item[2] ?? ''}`;
  return text;
}

/**
 * Mattermost markdown as HTML: [label](url) links, autolinks, **bold**, *italic*, ~~strike~~,
 * `code`, fenced blocks, > quotes, headings, lists, :emoji:. Everything from the post is escaped;
 * links are http(s) or mailto only.
 */
export function renderMarkdown(text: string): string {
  const stash = new Stash();
  let s = clean(text);
  s = s.replace(/```[^\n]*\n([\s\S]*?)```/g, (_, code: string) => stash.put(`<pre>${escapeHtml(code)}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => stash.put(`<code>${escapeHtml(code)}</code>`));
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)(?:\s+"[^"\n]*")?\)/g, (_, label: string, url: string) =>
    stash.put(linkHtml(url, emphasis(escapeHtml(label)))),
  );
  s = s.replace(/<(https?:\/\/[^>\s]+)>/g, (_, url: string) => stash.put(linkHtml(url, escapeHtml(url))));
  s = s.replace(/\bhttps?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/g, (url) => stash.put(linkHtml(url, escapeHtml(url))));
  s = emoji(emphasis(escapeHtml(s)));
  return stash.restore(lines(s, line));
}
