import { isRecord } from '../shared/body.js';

// model/integration_action.go's limits.
const TITLE_MAX = 24;
const DISPLAY_NAME_MAX = 24;
const NAME_MAX = 300;
const HELP_TEXT_MAX = 150;
const TEXT_MAX = 150;
const TEXTAREA_MAX = 3000;
const SELECT_MAX = 3000;
const BOOL_MAX = 150;
const TEXT_SUBTYPES = ['', 'text', 'email', 'number', 'tel', 'url', 'password'];

type Json = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function optionValues(element: Json): string[] {
  return Array.isArray(element['options'])
    ? element['options'].filter(isRecord).map((option) => str(option['value']))
    : [];
}

function maxLength(problems: string[], field: string, value: string, max: number): void {
  if ((field === 'DisplayName' || field === 'Name') && value.length === 0) problems.push(`${field} cannot be empty`);
  if (value.length > max) problems.push(`${field} cannot be longer than ${max} characters, got ${value.length}`);
}

/** DialogElement.IsValid: the problems of one element, in Mattermost's words. */
function elementProblems(element: Json): string[] {
  const problems: string[] = [];
  const type = str(element['type']);
  const subtype = str(element['subtype']);
  const min = num(element['min_length']);
  const max = num(element['max_length']);
  const defaultValue = str(element['default']);
  const placeholder = str(element['placeholder']);
  if (min < 0) problems.push(`min length cannot be a negative number, got ${min}`);
  if (min > max) problems.push(`min length should be less then max length, got ${min} > ${max}`);
  maxLength(problems, 'DisplayName', str(element['display_name']), DISPLAY_NAME_MAX);
  maxLength(problems, 'Name', str(element['name']), NAME_MAX);
  maxLength(problems, 'HelpText', str(element['help_text']), HELP_TEXT_MAX);
  const inOptions = (value: string) => value === '' || optionValues(element).includes(value);
  switch (type) {
    case 'text':
    case 'textarea': {
      const limit = type === 'text' ? TEXT_MAX : TEXTAREA_MAX;
      maxLength(problems, 'Default', defaultValue, limit);
      maxLength(problems, 'Placeholder', placeholder, limit);
      if (!TEXT_SUBTYPES.includes(subtype)) problems.push(`invalid subtype "${type}"`);
      break;
    }
    case 'select': {
      maxLength(problems, 'Default', defaultValue, SELECT_MAX);
      maxLength(problems, 'Placeholder', placeholder, SELECT_MAX);
      const source = str(element['data_source']);
      if (!['', 'users', 'channels', 'dynamic'].includes(source))
        problems.push(`invalid data source "${source}", allowed are 'users', 'channels', or 'dynamic'`);
      if (source === '' && !inOptions(defaultValue))
        problems.push(`default value "${defaultValue}" doesn't exist in options `);
      break;
    }
    case 'bool':
      if (!['', 'true', 'false'].includes(defaultValue)) problems.push('invalid default of bool');
      maxLength(problems, 'Placeholder', placeholder, BOOL_MAX);
      break;
    case 'radio':
      if (!inOptions(defaultValue)) problems.push(`default value "${defaultValue}" doesn't exist in options `);
      break;
    default:
      problems.push(`invalid element type: "${type}"`);
  }
  return problems;
}

/** OpenDialogRequest.IsValid: everything Mattermost finds wrong with a dialog (it logs these as a warning). */
export function dialogProblems(request: Json): string[] {
  const problems: string[] = [];
  if (str(request['url']) === '') problems.push('empty URL');
  if (str(request['trigger_id']) === '') problems.push('empty trigger id');
  const dialog = isRecord(request['dialog']) ? request['dialog'] : {};
  const title = str(dialog['title']);
  if (title === '' || title.length > TITLE_MAX) problems.push(`invalid dialog title "${title}"`);
  const iconUrl = str(dialog['icon_url']);
  if (iconUrl !== '' && !/^https?:\/\/\S+$/.test(iconUrl)) problems.push('invalid icon url');
  const seen = new Set<string>();
  for (const element of Array.isArray(dialog['elements']) ? dialog['elements'].filter(isRecord) : []) {
    const name = str(element['name']);
    if (seen.has(name)) problems.push(`duplicate dialog element "${name}"`);
    seen.add(name);
    for (const problem of elementProblems(element)) problems.push(`"${name}" field is not valid: ${problem}`);
  }
  return problems;
}

/**
 * What the webapp lets a user submit: only the dialog's element names, required ones filled, text
 * within min/max length, select and radio values among the options, booleans for bool elements.
 * Anything else throws, since Mattermost's dialog would not send it.
 */
export function checkSubmission(dialog: Json, submission: Record<string, unknown>): Record<string, unknown> {
  const elements = Array.isArray(dialog['elements']) ? dialog['elements'].filter(isRecord) : [];
  const names = new Set(elements.map((e) => str(e['name'])));
  for (const key of Object.keys(submission))
    if (!names.has(key)) throw new Error(`the dialog has no element "${key}": Mattermost could not submit it`);
  const values: Record<string, unknown> = {};
  for (const element of elements) {
    const name = str(element['name']);
    const type = str(element['type']);
    const given = name in submission ? submission[name] : undefined;
    const fallback =
      element['default'] === undefined || element['default'] === ''
        ? undefined
        : type === 'bool'
          ? element['default'] === 'true'
          : element['default'];
    const value = given ?? fallback;
    const empty = value === undefined || value === null || value === '';
    if (empty) {
      if (element['optional'] !== true && type !== 'bool')
        throw new Error(`"${name}" is required: the dialog would not submit`);
      continue;
    }
    if (type === 'bool' && typeof value !== 'boolean') throw new Error(`"${name}" is a bool element`);
    if ((type === 'text' || type === 'textarea') && typeof value === 'string') {
      const min = num(element['min_length']);
      const max = num(element['max_length']) || (type === 'text' ? TEXT_MAX : TEXTAREA_MAX);
      if (value.length < min || value.length > max)
        throw new Error(`"${name}" must be ${min}–${max} characters: the dialog would not submit`);
    }
    const hasOptions = (type === 'select' && str(element['data_source']) === '') || type === 'radio';
    if (hasOptions && !optionValues(element).includes(String(value)))
      throw new Error(`"${String(value)}" is not an option of "${name}"`);
    values[name] = value;
  }
  return values;
}
