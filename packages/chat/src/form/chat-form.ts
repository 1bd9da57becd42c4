/**
 * A form a chat user fills in, independent of the chat: Slack shows it as a Block Kit modal,
 * Mattermost as an interactive dialog (see render-modal.ts and render-dialog.ts). Ids are the
 * platform's own (Slack `block_id` / `action_id`, Mattermost element `name` = the action id), so
 * a submission is read back by action id whatever the platform (see form-values.ts).
 */
export interface ChatForm {
  /** Identifies the form when it comes back (Slack `callback_id`, Mattermost `callback_id`). */
  callbackId: string;
  title: string;
  submitLabel: string;
  /** Slack's close button (Mattermost has its own Cancel). */
  closeLabel?: string;
  /** Tell the app when the user cancels (Slack `notify_on_close`, Mattermost `notify_on_cancel`). */
  notifyOnClose?: boolean;
  /** Opaque text handed back with the submission (Slack `private_metadata`, Mattermost `state`). */
  state?: string;
  rows: FormRow[];
}

/**
 * One row of the form: a labelled input (Slack `input` block), or controls side by side without a
 * label of their own (Slack `actions` block: selects, checkboxes). Mattermost lists every element
 * one under the other, with each element's own label.
 */
export type FormRow =
  | { kind: 'input'; blockId: string; label: string; optional?: boolean; element: FormElement }
  | { kind: 'controls'; blockId: string; elements: FormElement[] };

export interface FormOption {
  text: string;
  value: string;
}

/** A confirmation asked before a choice takes effect (Slack's confirm dialog on a select). */
export interface FormConfirm {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

interface ElementBase {
  actionId: string;
  /** Mattermost shows every element with a label; in Slack's controls rows the placeholder says it. */
  label: string;
  placeholder?: string;
  optional?: boolean;
}

export type FormElement =
  | (ElementBase & { type: 'text'; multiline?: boolean; initialValue?: string; focus?: boolean; maxLength?: number })
  | (ElementBase & { type: 'select'; options: FormOption[]; initialValue?: string; confirm?: FormConfirm })
  /**
   * Options served while the user types (Slack's external select, answered from the options
   * URL). Mattermost has no such element: it gets `options` as a static list, or a text field
   * when there are none.
   */
  | (ElementBase & { type: 'external_select'; multi?: boolean; options?: FormOption[] })
  | (ElementBase & { type: 'checkboxes'; options: FormOption[] });

/** What a submitted form holds, by action id: text, one choice, several, or nothing. */
export type FormValues = Record<string, string | string[] | null>;

/** The text of a value: a text input's, or a single choice's. */
export function formText(values: FormValues, actionId: string): string | null {
  const value = values[actionId];
  if (typeof value === 'string') return value === '' ? null : value;
  return null;
}

/** The values of a multiple choice (checkboxes, multi-select). */
export function formChoices(values: FormValues, actionId: string): string[] {
  const value = values[actionId];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' && value !== '' ? [value] : [];
}
