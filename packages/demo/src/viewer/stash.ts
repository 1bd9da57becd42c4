/**
 * Formatting is done on escaped text; pieces already turned into HTML (code, links) wait here
 * behind a token that escaping and the formatting rules leave alone, and come back at the end.
 * The token uses U+E000 (private use), which `clean` removes from the input first, so input can never forge one.
 */
export class Stash {
  private readonly parts: string[] = [];

  put(html: string): string {
    this.parts.push(html);
    return `\uE000${this.parts.length - 1}\uE000`;
  }

  restore(text: string): string {
    return text.replace(/\uE000(\d+)\uE000/g, (_, index: string) => this.parts[Number(index)] ?? '');
  }
}

export const clean = (text: string): string => text.replace(/\uE000/g, '');

/** A few shortcodes GitLab and people use; others stay as written, as Slack shows unknown ones. */
const EMOJI: Readonly<Record<string, string>> = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  rocket: '🚀',
  tada: '🎉',
  fire: '🔥',
  bug: '🐛',
  eyes: '👀',
  '+1': '👍',
  thumbsup: '👍',
  memo: '📝',
  lock: '🔒',
  link: '🔗',
  hourglass: '⌛',
  wave: '👋',
  construction: '🚧',
};

export function emoji(html: string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

/** `*bold*`-style spans: the marker must hug the text and not sit inside a word (snake_case stays). */
export function span(html: string, marker: string, tag: string): string {
  const m = marker.replace(/[*+?^$.[\]{}()|\\/]/g, '\\$&');
  const pattern = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^\\n]*?\\S)${m}(?![\\w${m}])`, 'g');
  return html.replace(pattern, (_, before: string, inner: string) => `${before}<${tag}>${inner}</${tag}>`);
}

/** Lines starting with `>` (escaped: `&gt;`) as quotes, the rest joined with line breaks. */
export function lines(html: string, line: (text: string) => string = (text) => text): string {
  const out: string[] = [];
  for (const text of html.split('\n')) {
    const quote = /^&gt;\s?(.*)$/.exec(text);
    out.push(quote ? `<blockquote>${line(quote[1] ?? '')}</blockquote>` : `${line(text)}<br>`);
  }
  return out.join('').replace(/<br>$/, '');
}
