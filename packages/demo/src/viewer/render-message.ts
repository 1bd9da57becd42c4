import { type Platform } from '../config';
import { escapeHtml, linkHtml } from './escape';
import { renderMarkdown } from './markdown';
import { renderMrkdwn } from './mrkdwn';
import { type ViewMessage } from './timeline';

type Format = (text: string) => string;
type Json = Record<string, unknown>;

/** Slack's named attachment colours. */
const NAMED_COLORS: Readonly<Record<string, string>> = { good: '#2eb67d', warning: '#ecb22e', danger: '#e01e5a' };

/** An attachment's colour bar: a named colour or a hex value, anything else grey (never raw into CSS). */
export function barColor(color: unknown): string {
  if (typeof color !== 'string') return '#dddddd';
  const named = NAMED_COLORS[color];
  if (named !== undefined) return named;
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  return hex ? `#${hex[1] ?? ''}` : '#dddddd';
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function timeHtml(at: number): string {
  const iso = new Date(at).toISOString();
  return `<time datetime="${iso}" data-at="${at}">${iso.slice(11, 16)}</time>`;
}

/** A legacy attachment: pretext, then the coloured bar holding author, title, text, fields and footer. */
export function renderAttachment(attachment: Json, format: Format): string {
  const parts: string[] = [];
  const author = str(attachment['author_name']);
  if (author !== undefined)
    parts.push(`<div class="att-author">${linkHtml(str(attachment['author_link']) ?? '', escapeHtml(author))}</div>`);
  const title = str(attachment['title']);
  if (title !== undefined)
    parts.push(`<div class="att-title">${linkHtml(str(attachment['title_link']) ?? '', escapeHtml(title))}</div>`);
  const text = str(attachment['text']);
  if (text !== undefined) parts.push(`<div class="att-text">${format(text)}</div>`);
  const fields = Array.isArray(attachment['fields']) ? (attachment['fields'] as Json[]) : [];
  if (fields.length > 0) {
    const cells = fields.map((field) => {
      const short = field['short'] === true ? ' short' : '';
      const fieldTitle = str(field['title']);
      const value = str(field['value']);
      return (
        `<div class="att-field${short}">` +
        (fieldTitle === undefined ? '' : `<div class="att-field-title">${escapeHtml(fieldTitle)}</div>`) +
        (value === undefined ? '' : `<div class="att-field-value">${format(value)}</div>`) +
        '</div>'
      );
    });
    parts.push(`<div class="att-fields">${cells.join('')}</div>`);
  }
  const image = str(attachment['image_url']);
  if (image !== undefined) parts.push(`<div class="att-image">${linkHtml(image, 'image')}</div>`);
  const footer = str(attachment['footer']);
  const ts = Number(attachment['ts']);
  if (footer !== undefined || Number.isFinite(ts)) {
    const pieces = [footer === undefined ? '' : format(footer), Number.isFinite(ts) ? timeHtml(ts * 1000) : ''];
    parts.push(`<div class="att-footer">${pieces.filter((p) => p !== '').join(' · ')}</div>`);
  }
  const fallback = str(attachment['fallback']);
  if (parts.length === 0 && fallback !== undefined) parts.push(`<div class="att-text">${format(fallback)}</div>`);
  const pretext = str(attachment['pretext']);
  return (
    (pretext === undefined ? '' : `<div class="att-pretext">${format(pretext)}</div>`) +
    `<div class="att" style="border-left-color: ${barColor(attachment['color'])}">${parts.join('')}</div>`
  );
}

/** Block Kit, the common blocks: sections (text, fields), headers, context, dividers and buttons. */
export function renderBlocks(blocks: Json[], format: Format): string {
  const text = (object: unknown): string => {
    if (typeof object !== 'object' || object === null) return '';
    const o = object as Json;
    const value = str(o['text']) ?? '';
    return o['type'] === 'mrkdwn' ? format(value) : escapeHtml(value);
  };
  return blocks
    .map((block) => {
      switch (block['type']) {
        case 'header':
          return `<div class="blk-header">${text(block['text'])}</div>`;
        case 'divider':
          return '<hr class="blk-divider">';
        case 'context': {
          const elements = Array.isArray(block['elements']) ? block['elements'] : [];
          return `<div class="blk-context">${elements.map(text).join(' ')}</div>`;
        }
        case 'actions': {
          const elements = Array.isArray(block['elements']) ? (block['elements'] as Json[]) : [];
          const buttons = elements.map((e) =>
            linkHtml(str(e['url']) ?? '', `<span class="blk-button">${text(e['text'])}</span>`),
          );
          return `<div class="blk-actions">${buttons.join(' ')}</div>`;
        }
        case 'section': {
          const fields = Array.isArray(block['fields']) ? block['fields'] : [];
          const grid =
            fields.length === 0
              ? ''
              : `<div class="att-fields">${fields.map((f) => `<div class="att-field short">${text(f)}</div>`).join('')}</div>`;
          return `<div class="blk-section">${text(block['text'])}${grid}</div>`;
        }
        default:
          return '';
      }
    })
    .join('');
}

const initials = (name: string) => escapeHtml((name.replace(/[^\p{L}\p{N}]/gu, '')[0] ?? '?').toUpperCase());

/** One message with its attachments, "(edited)", "Only visible to you" and its thread replies. */
export function renderMessage(message: ViewMessage, platform: Platform, names: ReadonlyMap<string, string>): string {
  const format: Format = platform === 'slack' ? (text) => renderMrkdwn(text, names) : renderMarkdown;
  const classes = ['msg', message.kind, message.visibility === 'you' ? 'ephemeral' : ''].filter((c) => c !== '');
  const badge = message.bot ? `<span class="badge">${platform === 'slack' ? 'APP' : 'BOT'}</span>` : '';
  const body =
    message.kind === 'command'
      ? `<div class="text"><code>${escapeHtml(message.text)}</code></div>`
      : (message.blocks.length > 0 ? renderBlocks(message.blocks, format) : '') +
        (message.blocks.length === 0 && message.text !== '' ? `<div class="text">${format(message.text)}</div>` : '') +
        message.attachments.map((a) => renderAttachment(a, format)).join('');
  const replies =
    message.replies.length === 0
      ? ''
      : `<div class="thread"><div class="thread-count">${message.replies.length} ${message.replies.length === 1 ? 'reply' : 'replies'}</div>` +
        message.replies.map((reply) => renderMessage(reply, platform, names)).join('') +
        '</div>';
  return (
    `<div class="${classes.join(' ')}" data-id="${escapeHtml(message.id)}">` +
    `<div class="avatar${message.bot ? ' bot' : ''}">${initials(message.author)}</div>` +
    '<div class="content">' +
    `<div class="meta"><span class="author">${escapeHtml(message.author)}</span>${badge}${timeHtml(message.at)}</div>` +
    body +
    (message.edited ? '<span class="edited">(edited)</span>' : '') +
    (message.updated
      ? '<span class="edited" title="Mattermost shows no Edited mark when only the attachment changes; the viewer notes it">(updated)</span>'
      : '') +
    (message.visibility === 'you' ? '<div class="only-you">Only visible to you</div>' : '') +
    replies +
    '</div></div>'
  );
}
