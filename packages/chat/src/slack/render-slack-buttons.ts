import { type ActionsBlock, type Button, type SectionBlock } from '@slack/types';
import { type ChatButtons } from '../message/chat-message';

/** Slack's limits: a button's label, an actions block's elements, a section's text. */
const BUTTON_TEXT_MAX = 75;
const BLOCK_ELEMENTS_MAX = 25;
const SECTION_TEXT_MAX = 3000;

/**
 * A message with buttons as Block Kit: the text (already in Slack's syntax) in a section, then
 * the buttons in actions blocks. Slack refuses an action id repeated within one block, so a
 * button whose action id is already in the current block starts the next one: buttons sharing
 * an action id (a choice among several) are stacked, one per row.
 */
export function slackButtonBlocks(text: string | undefined, buttons: ChatButtons): Array<SectionBlock | ActionsBlock> {
  const blocks: Array<SectionBlock | ActionsBlock> = [];
  if (text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(text, SECTION_TEXT_MAX) } });
  let current: ActionsBlock | undefined;
  for (const item of buttons.items) {
    const button: Button = {
      type: 'button',
      action_id: item.actionId,
      text: { type: 'plain_text', text: cut(item.text, BUTTON_TEXT_MAX) },
      value: item.value,
      ...(item.style ? { style: item.style } : {}),
    };
    const full = current && current.elements.length >= BLOCK_ELEMENTS_MAX;
    const repeated = current?.elements.some((e) => 'action_id' in e && e.action_id === item.actionId);
    if (!current || full || repeated) {
      current = { type: 'actions', elements: [] };
      blocks.push(current);
    }
    current.elements.push(button);
  }
  return blocks;
}

/** `text`, shortened to `max` characters with an ellipsis when longer. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
