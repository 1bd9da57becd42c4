import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Mattermost posts a dialog's submission (and a button's action) to the URL the app gave, with no
 * signature of its own: the app's `state` (or action `context`) comes back unchanged, so it
 * carries the form's id with an HMAC only chatops can make. A forged submission names no form.
 */

/** The key for form states, derived from the deployment's encryption key (never used for anything else). */
export function formStateKey(encryptionKey: Buffer): Buffer {
  return createHmac('sha256', encryptionKey).update('chatops form state v1').digest();
}

/** `<formId>.<signature>`: what a dialog's `state` or an action's context holds. */
export function signFormState(key: Buffer, formId: string): string {
  return `${formId}.${mac(key, formId)}`;
}

/** The form id a state was signed for, or null when it was not signed with this key. */
export function readFormState(key: Buffer, state: unknown): string | null {
  if (typeof state !== 'string') return null;
  const dot = state.lastIndexOf('.');
  if (dot <= 0) return null;
  const formId = state.slice(0, dot);
  const given = Buffer.from(state.slice(dot + 1));
  const expected = Buffer.from(mac(key, formId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? formId : null;
}

function mac(key: Buffer, formId: string): string {
  return createHmac('sha256', key).update(formId).digest('base64url');
}
