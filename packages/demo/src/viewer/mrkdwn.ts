import { escapeHtml, linkHtml } from './escape';
import { clean, emoji, lines, span, Stash } from './stash';

/** Slack escapes exactly these three in message text; everything else is literal. */
const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A `<…>` token: a link, a user, channel or special mention, or a date with its fallback. */
function token(inner: string, names: ReadonlyMap<string, string>): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  const mention = (text: string) => `<span class="mention">${escapeHtml(decode(text))}</span>`;
  if (target.startsWith('@')) return mention(`@${label ?? names.get(target.slice(1)) ?? target.slice(1)}`);
  if (target.startsWith('#')) return mention(`#${label ?? target.slice(1)}`);
  if (target.startsWith('!')) {
    const special = target.slice(1);
    if (label !== undefined) return mention(label);
    return mention(['here', 'channel', 'everyone'].includes(special) ? `@${special}` : special);
  }
  return linkHtml(decode(target), emphasis(escapeHtml(decode(label ?? target))));
}

const emphasis = (html: string) => span(span(span(html, '*', 'strong'), '_', 'em'), '~', 'del');

/**
 * Slack mrkdwn as HTML: `<url|label>` links and mentions, *bold*, _italic_, ~strike~, `code`,
 * ``` blocks, > quotes, :emoji:. Everything from the message is escaped; links are http(s) or mailto only.
 */
export function renderMrkdwn(text: string, names: ReadonlyMap<string, string> = new Map()): string {
  const stash = new Stash();
  let s = clean(text);
  s = s.replace(/```\n?([\s\S]*?)```/g, (_, code: string) => stash.put(`<pre>${escapeHtml(decode(code))}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => stash.put(`<code>${escapeHtml(decode(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, inner: string) => stash.put(token(inner, names)));
  s = escapeHtml(decode(s));
  return stash.restore(lines(emoji(emphasis(s))));
}
