import { type FieldError } from '../admin-calls';

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The admin API's refusal, word for word, with each field it named. */
export function Errors({ message, fields }: { message?: string | undefined; fields?: FieldError[] | undefined }) {
  if (!message) return null;
  return (
    <div class="errors" role="alert">
      <p>{message}</p>
      {fields && fields.length > 1 && (
        <ul>
          {fields.map((f) => (
            <li>{f.path ? `${f.path}: ${f.message}` : f.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A confirm-by-button form posting to `action` (every change is a POST with the CSRF token). */
export function ActionButton(props: { action: string; csrf: string; label: string; danger?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Csrf token={props.csrf} />
      <button type="submit" class={props.danger ? 'danger' : 'secondary'}>
        {props.label}
      </button>
    </form>
  );
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';
}
