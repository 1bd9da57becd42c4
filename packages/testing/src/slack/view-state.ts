import { isRecord } from '../shared/body.js';
import { randomHex } from '../shared/ids.js';

type Json = Record<string, unknown>;

/**
 * A value a test gives for one element: a string (text, or the value of an option), a list of
 * option values (multi-selects, checkboxes), null (cleared), or a raw Slack state object / option.
 */
export type SlackInputValue = string | string[] | null | Json;

/** An interactive element of a view, with the block that holds it. */
export interface ViewElement {
  blockId: string;
  actionId: string;
  blockType: string;
  element: Json;
  /** Input blocks without `optional: true` must be filled before Slack lets the user submit. */
  required: boolean;
}

/** Block Kit lets apps omit block_id and action_id; Slack then makes them up, and so does the fake. */
export function normalizeBlocks(view: Json): void {
  const blocks = Array.isArray(view['blocks']) ? view['blocks'] : [];
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    if (typeof block['block_id'] !== 'string' || block['block_id'] === '') block['block_id'] = randomHex(3);
    for (const element of blockElements(block)) {
      if (typeof element['action_id'] !== 'string' || element['action_id'] === '') element['action_id'] = randomHex(3);
    }
  }
}

function blockElements(block: Json): Json[] {
  if (block['type'] === 'input' && isRecord(block['element'])) return [block['element']];
  if (block['type'] === 'actions' && Array.isArray(block['elements'])) return block['elements'].filter(isRecord);
  if (block['type'] === 'section' && isRecord(block['accessory'])) return [block['accessory']];
  return [];
}

/** Every interactive element of a list of blocks (a view's or a message's). */
export function viewElements(blocks: unknown): ViewElement[] {
  const found: ViewElement[] = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (!isRecord(block)) continue;
    for (const element of blockElements(block)) {
      found.push({
        blockId: String(block['block_id'] ?? ''),
        actionId: String(element['action_id'] ?? ''),
        blockType: String(block['type']),
        element,
        required: block['type'] === 'input' && block['optional'] !== true,
      });
    }
  }
  return found;
}

export function findElement(blocks: unknown, blockId: string | undefined, actionId: string): ViewElement {
  const match = viewElements(blocks).find(
    (e) => e.actionId === actionId && (blockId === undefined || e.blockId === blockId),
  );
  if (match === undefined)
    throw new Error(
      `no element with action_id ${actionId}${blockId === undefined ? '' : ` in block ${blockId}`}: Slack could not send it`,
    );
  return match;
}

function options(element: Json): Json[] {
  const direct = Array.isArray(element['options']) ? element['options'].filter(isRecord) : [];
  const grouped = Array.isArray(element['option_groups'])
    ? element['option_groups'].flatMap((g) => (isRecord(g) && Array.isArray(g['options']) ? g['options'] : []))
    : [];
  return [...direct, ...grouped.filter(isRecord)];
}

/** An option as the payload carries it: a static element's own option, or a made-up one for external data. */
function option(element: Json, value: string | Json): Json {
  const type = String(element['type']);
  if (type.includes('external')) {
    return isRecord(value) ? value : { text: { type: 'plain_text', text: value, emoji: true }, value };
  }
  const wanted = isRecord(value) ? value['value'] : value;
  const found = options(element).find((o) => o['value'] === wanted);
  if (found === undefined) throw new Error(`${String(wanted)} is not an option of ${String(element['action_id'])}`);
  return found;
}

const SINGLE_KEYS: Readonly<Record<string, string>> = {
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  datetimepicker: 'selected_date_time',
};
const MULTI_KEYS: Readonly<Record<string, string>> = {
  multi_users_select: 'selected_users',
  multi_conversations_select: 'selected_conversations',
  multi_channels_select: 'selected_channels',
};

/** The state entry Slack reports for an element: `{ type, value | selected_option | selected_options | … }`. */
export function stateValue(element: Json, input: SlackInputValue): Json {
  const type = String(element['type']);
  if (isRecord(input) && typeof input['type'] === 'string') return input;
  if (type.endsWith('static_select') || type.endsWith('external_select') || type === 'checkboxes') {
    if (type.startsWith('multi_') || type === 'checkboxes') {
      const values = input === null ? [] : Array.isArray(input) ? input : [input];
      return { type, selected_options: values.map((v) => option(element, v)) };
    }
    if (Array.isArray(input)) throw new Error(`${type} takes one option`);
    return { type, selected_option: input === null ? null : option(element, input) };
  }
  if (type === 'radio_buttons') {
    if (Array.isArray(input)) throw new Error('radio_buttons takes one option');
    return { type, selected_option: input === null ? null : option(element, input) };
  }
  const single = SINGLE_KEYS[type];
  if (single !== undefined) return { type, [single]: input };
  const multi = MULTI_KEYS[type];
  if (multi !== undefined) return { type, [multi]: input === null ? [] : Array.isArray(input) ? input : [input] };
  if (Array.isArray(input) || isRecord(input)) throw new Error(`${type} takes a text value`);
  if (type === 'plain_text_input' && input !== null) {
    const min = Number(element['min_length'] ?? 0);
    const max = Number(element['max_length'] ?? 3000);
    if (input.length < min || input.length > max)
      throw new Error(`${String(element['action_id'])} must be ${min}–${max} characters: Slack would not submit it`);
  }
  return { type, value: input };
}

/** The state of a freshly opened view: each input element with its initial value (or none). */
export function initialState(blocks: unknown): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const e of viewElements(blocks)) {
    if (e.blockType !== 'input') continue;
    const el = e.element;
    const type = String(el['type']);
    let entry: Json;
    if ('initial_option' in el) entry = { type, selected_option: el['initial_option'] };
    else if ('initial_options' in el) entry = { type, selected_options: el['initial_options'] };
    else if (type.endsWith('select') && !type.startsWith('multi_'))
      entry = SINGLE_KEYS[type] !== undefined ? { type, [SINGLE_KEYS[type]]: null } : { type, selected_option: null };
    else if (type.startsWith('multi_') || type === 'checkboxes')
      entry = MULTI_KEYS[type] !== undefined ? { type, [MULTI_KEYS[type]]: [] } : { type, selected_options: [] };
    else entry = { type, value: typeof el['initial_value'] === 'string' ? el['initial_value'] : null };
    (values[e.blockId] ??= {})[e.actionId] = entry;
  }
  return values;
}

/** Whether a state entry holds something (Slack blocks submitting empty required inputs). */
export function isFilled(entry: Json | undefined): boolean {
  if (entry === undefined) return false;
  return Object.entries(entry).some(
    ([key, value]) => key !== 'type' && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
}
