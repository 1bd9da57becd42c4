import { type ChatForm, type FormElement, type FormValues } from './chat-form';

type SlackAction = {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }> | null;
};

/**
 * A Slack view's `state.values` (`{ block_id: { action_id: { type, value | selected_option |
 * selected_options } } }`) by action id. Read by action id, not block id: an app may rename a
 * block (GitLab names the description's after the selected project) and keep its action.
 */
export function slackFormValues(values: unknown): FormValues {
  const out: FormValues = {};
  if (typeof values !== 'object' || values === null) return out;
  for (const actions of Object.values(values as Record<string, unknown>)) {
    if (typeof actions !== 'object' || actions === null) continue;
    for (const [actionId, raw] of Object.entries(actions as Record<string, SlackAction>)) {
      if (typeof raw !== 'object' || raw === null) continue;
      if (Array.isArray(raw.selected_options))
        out[actionId] = raw.selected_options.flatMap((o) => (typeof o?.value === 'string' ? [o.value] : []));
      else if (raw.selected_option !== undefined)
        out[actionId] = typeof raw.selected_option?.value === 'string' ? raw.selected_option.value : null;
      else out[actionId] = typeof raw.value === 'string' ? raw.value : null;
    }
  }
  return out;
}

/**
 * A Mattermost dialog submission (`{ name: value }`: text, a select's value, a bool) by action
 * id. What the dialog showed as a text field for several values is split on commas; a ticked
 * checkbox is its option's value, as Slack would give it.
 */
export function mattermostFormValues(form: ChatForm, submission: unknown): FormValues {
  const out: FormValues = {};
  const given = typeof submission === 'object' && submission !== null ? (submission as Record<string, unknown>) : {};
  for (const element of formElements(form)) {
    const raw = given[element.actionId];
    if (element.type === 'checkboxes') out[element.actionId] = raw === true ? element.options.map((o) => o.value) : [];
    else if (element.type === 'external_select' && element.multi)
      out[element.actionId] =
        typeof raw === 'string'
          ? raw
              .split(',')
              .map((v) => v.trim())
              .filter((v) => v !== '')
          : [];
    else out[element.actionId] = typeof raw === 'string' && raw !== '' ? raw : null;
  }
  return out;
}

export function formElements(form: ChatForm): FormElement[] {
  return form.rows.flatMap((row) => (row.kind === 'input' ? [row.element] : row.elements));
}
