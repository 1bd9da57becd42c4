import { type ChatForm, type FormElement } from './chat-form';

/** A Mattermost interactive dialog (`POST /api/v4/actions/dialogs/open`, the `dialog` field). */
export interface MattermostDialog {
  callback_id: string;
  title: string;
  submit_label: string;
  notify_on_cancel: boolean;
  state: string;
  elements: MattermostDialogElement[];
}

export interface MattermostDialogElement {
  type: 'text' | 'textarea' | 'select' | 'bool';
  name: string;
  display_name: string;
  optional: boolean;
  placeholder?: string;
  default?: string;
  help_text?: string;
  max_length?: number;
  options?: Array<{ text: string; value: string }>;
}

/** Mattermost's limits (server/public/model/integration_action.go). */
const DISPLAY_NAME_MAX = 24;
const TEXT_MAX = 150;
const TEXTAREA_MAX = 3000;

/**
 * The form as a Mattermost dialog: every element one under the other. Dialogs are static, so an
 * element whose options Slack asks for while the user types gets its options listed up front, or
 * becomes a text field (several values separated by commas) when there are none.
 */
export function renderDialog(form: ChatForm): MattermostDialog {
  const elements = form.rows.flatMap((row) =>
    row.kind === 'input'
      ? [dialogElement(row.element, row.optional ?? false)]
      : row.elements.map((e) => dialogElement(e)),
  );
  return {
    callback_id: form.callbackId,
    title: form.title,
    submit_label: form.submitLabel,
    notify_on_cancel: form.notifyOnClose ?? false,
    state: form.state ?? '',
    elements,
  };
}

function dialogElement(e: FormElement, rowOptional = false): MattermostDialogElement {
  const base = {
    name: e.actionId,
    display_name: e.label.slice(0, DISPLAY_NAME_MAX),
    optional: rowOptional || (e.optional ?? false),
    ...(e.placeholder !== undefined ? { placeholder: e.placeholder } : {}),
  };
  switch (e.type) {
    case 'text':
      return {
        ...base,
        type: e.multiline ? 'textarea' : 'text',
        max_length: Math.min(
          e.maxLength ?? (e.multiline ? TEXTAREA_MAX : TEXT_MAX),
          e.multiline ? TEXTAREA_MAX : TEXT_MAX,
        ),
        ...(e.initialValue ? { default: e.initialValue } : {}),
      };
    case 'select':
      return { ...base, type: 'select', options: e.options, ...(e.initialValue ? { default: e.initialValue } : {}) };
    case 'external_select':
      if (e.options && e.options.length > 0 && !e.multi) return { ...base, type: 'select', options: e.options };
      return {
        ...base,
        type: 'text',
        max_length: TEXT_MAX,
        ...(e.multi ? { help_text: 'Separate several with commas.' } : {}),
      };
    case 'checkboxes':
      // One checkbox is a boolean; its option's text is what the user ticks.
      return { ...base, type: 'bool', display_name: (e.options[0]?.text ?? e.label).slice(0, DISPLAY_NAME_MAX) };
  }
}
