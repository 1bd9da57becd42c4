import { booleanField } from '../../shared/body.js';
import { SlackApiError } from './method.js';

// Limits Slack enforces on message content (see docs/reference anchors §3.1).
const MAX_TEXT_CHARS = 40_000;
const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT_CHARS = 3_000;
const MAX_ATTACHMENTS = 100;

export interface MessageContent {
  text: string;
  attachments?: unknown[];
  blocks?: unknown[];
}

/**
 * The content of a message as Slack validates it: text, attachments or blocks is required
 * (`no_text`), and oversized content is refused rather than silently accepted, so tests catch
 * messages production Slack would reject.
 */
export function messageContent(
  params: Record<string, unknown>,
  options: { allowEmpty?: boolean } = {},
): MessageContent {
  const text = typeof params['text'] === 'string' ? params['text'] : '';
  const attachments = arrayField(params['attachments'], 'invalid_attachments');
  const blocks = arrayField(params['blocks'], 'invalid_blocks_format');
  const hasContent = text.trim() !== '' || (attachments?.length ?? 0) > 0 || (blocks?.length ?? 0) > 0;
  if (!hasContent && options.allowEmpty !== true) throw new SlackApiError('no_text');
  if (text.length > MAX_TEXT_CHARS) throw new SlackApiError('msg_too_long');
  if (attachments !== undefined && attachments.length > MAX_ATTACHMENTS)
    throw new SlackApiError('too_many_attachments');
  if (blocks !== undefined) checkBlocks(blocks, MAX_BLOCKS, 'invalid_blocks');
  return {
    text,
    ...(attachments === undefined ? {} : { attachments }),
    ...(blocks === undefined ? {} : { blocks }),
  };
}

/** Block rules shared by messages (50 blocks) and views (100 blocks). */
export function checkBlocks(blocks: unknown[], maxBlocks: number, error: string): void {
  if (blocks.length > maxBlocks) {
    throw new SlackApiError(error, {
      response_metadata: { messages: [`[ERROR] no more than ${maxBlocks} items allowed [json-pointer:/blocks]`] },
    });
  }
  blocks.forEach((block, index) => {
    const text = sectionText(block);
    if (text !== undefined && text.length > MAX_SECTION_TEXT_CHARS) {
      throw new SlackApiError(error, {
        response_metadata: {
          messages: [
            `[ERROR] must be less than ${MAX_SECTION_TEXT_CHARS + 1} characters [json-pointer:/blocks/${index}/text/text]`,
          ],
        },
      });
    }
  });
}

export function optionalBoolean(params: Record<string, unknown>, name: string): boolean | undefined {
  return params[name] === undefined ? undefined : booleanField(params[name]);
}

function sectionText(block: unknown): string | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  const { type, text } = block as { type?: unknown; text?: unknown };
  if (type !== 'section' || typeof text !== 'object' || text === null) return undefined;
  const inner = (text as { text?: unknown }).text;
  return typeof inner === 'string' ? inner : undefined;
}

function arrayField(value: unknown, error: string): unknown[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value;
  throw new SlackApiError(error);
}
