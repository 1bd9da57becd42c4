import { type FieldError } from '../admin-calls';

/** The admin API's messages for a form field (its path, or anything under it: `events.push.channels.3`). */
export function fieldMessage(fields: FieldError[] | undefined, ...paths: string[]): string | undefined {
  const found = (fields ?? []).filter((f) => paths.some((p) => f.path === p || f.path.startsWith(`${p}.`)));
  return found.length > 0 ? found.map((f) => f.message).join('; ') : undefined;
}

/** A labelled text input, its hint replaced by the error when there is one. */
export function Text(props: {
  name: string;
  label: string;
  value: string;
  hint?: string;
  error?: string | undefined;
  url?: boolean;
  placeholder?: string;
}) {
  const hintId = `${props.name}-hint`;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        inputMode={props.url ? 'url' : undefined}
        value={props.value}
        placeholder={props.placeholder}
        aria-describedby={hintId}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <small id={hintId}>{props.error ?? props.hint}</small>
    </div>
  );
}

export function Check(props: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="check">
      <input id={props.name} name={props.name} type="checkbox" value="on" checked={props.checked} />
      <label for={props.name}>{props.label}</label>
      {props.hint && <small>{props.hint}</small>}
    </div>
  );
}

export function Choice(props: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string | undefined;
}) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && <small>{props.error}</small>}
    </div>
  );
}
