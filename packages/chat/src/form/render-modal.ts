import {
  type ActionsBlock,
  type Checkboxes,
  type Confirm,
  type ExternalSelect,
  type InputBlock,
  type ModalView,
  type MultiExternalSelect,
  type PlainTextElement,
  type PlainTextOption,
  type PlainTextInput,
  type StaticSelect,
} from '@slack/types';
import { type ChatForm, type FormConfirm, type FormElement, type FormOption, type FormRow } from './chat-form';

/** A Slack Block Kit modal view (`views.open` / `views.update`). */
export type SlackModalView = ModalView;

const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text });
const option = (o: FormOption): PlainTextOption => ({ text: plain(o.text), value: o.value });

/** The form as Slack's modal: input rows as `input` blocks, controls rows as `actions` blocks. */
export function renderModal(form: ChatForm): SlackModalView {
  return {
    type: 'modal',
    title: plain(form.title),
    submit: plain(form.submitLabel),
    ...(form.closeLabel ? { close: plain(form.closeLabel) } : {}),
    ...(form.notifyOnClose ? { notify_on_close: true } : {}),
    callback_id: form.callbackId,
    ...(form.state !== undefined ? { private_metadata: form.state } : {}),
    blocks: form.rows.map(block),
  };
}

function block(row: FormRow): InputBlock | ActionsBlock {
  if (row.kind === 'controls') return { type: 'actions', block_id: row.blockId, elements: row.elements.map(control) };
  const e = row.element;
  return {
    type: 'input',
    block_id: row.blockId,
    ...(row.optional ? { optional: true } : {}),
    label: plain(row.label),
    element: e.type === 'text' ? textInput(e) : choice(e),
  };
}

type TextElement = Extract<FormElement, { type: 'text' }>;
type ChoiceElement = Exclude<FormElement, { type: 'text' }>;

/** Slack allows no text field in an `actions` block: a form that puts one there is a mistake. */
function control(e: FormElement): StaticSelect | ExternalSelect | MultiExternalSelect | Checkboxes {
  if (e.type === 'text') throw new Error(`text field ${e.actionId} must be an input row, not a control`);
  return choice(e);
}

function textInput(e: TextElement): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: e.actionId,
    ...(e.multiline ? { multiline: true } : {}),
    ...placeholderOf(e),
    ...(e.initialValue ? { initial_value: e.initialValue } : {}),
    ...(e.focus ? { focus_on_load: true } : {}),
    ...(e.maxLength ? { max_length: e.maxLength } : {}),
  };
}

function choice(e: ChoiceElement): StaticSelect | ExternalSelect | MultiExternalSelect | Checkboxes {
  const placeholder = placeholderOf(e);
  switch (e.type) {
    case 'select': {
      const initial = e.options.find((o) => o.value === e.initialValue);
      return {
        type: 'static_select',
        action_id: e.actionId,
        ...placeholder,
        options: e.options.map(option),
        ...(initial ? { initial_option: option(initial) } : {}),
        ...(e.confirm ? { confirm: confirmDialog(e.confirm) } : {}),
      };
    }
    case 'external_select':
      return e.multi
        ? { type: 'multi_external_select', action_id: e.actionId, ...placeholder }
        : { type: 'external_select', action_id: e.actionId, ...placeholder };
    case 'checkboxes':
      return { type: 'checkboxes', action_id: e.actionId, options: e.options.map(option) };
  }
}

function placeholderOf(e: FormElement): { placeholder?: PlainTextElement } {
  return e.placeholder !== undefined ? { placeholder: plain(e.placeholder) } : {};
}

function confirmDialog(c: FormConfirm): Confirm {
  return { title: plain(c.title), text: plain(c.text), confirm: plain(c.confirm), deny: plain(c.deny) };
}
