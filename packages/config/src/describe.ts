import { type z } from 'zod';

/** Variable names that hold credentials: their values are never shown, only whether they are set. */
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|KEYS?)(_|$)/;

/** A URL with its password (or lone user-info credential) replaced by `***`. */
function maskCredentials(value: string): string {
  return value.replace(/(\/\/[^/@:\s]*:)[^/@\s]*@/, '$1***@').replace(/(\/\/)[^/@:\s]+@/, '$1***@');
}

/** The variables a service's schema reads: an object schema's keys (none for anything else). */
export function settingNames(schema: z.ZodType): string[] {
  // By shape rather than instanceof: the schema may come from another copy of zod.
  const { shape } = schema as { shape?: unknown };
  return shape !== null && typeof shape === 'object' ? Object.keys(shape) : [];
}

/**
 * A service's effective settings as they may be logged: every variable of its schema (`names`)
 * with the value it runs with (defaults included, `null` when unset), credentials never. Secrets
 * (by name: *_SECRET, *_TOKEN, *_KEY, *_KEYS_*, *PASSWORD) show as "(set)"; passwords inside URLs as `***`.
 */
export function describeSettings(
  env: Readonly<Record<string, unknown>>,
  names: readonly string[] = [],
): Record<string, unknown> {
  const described: Record<string, unknown> = {};
  for (const name of [...new Set([...names, ...Object.keys(env)])].sort()) {
    const value = env[name];
    if (value === undefined || value === null) described[name] = null;
    else if (Array.isArray(value) && value.length === 0 && SECRET_NAME.test(name)) described[name] = null;
    else if (SECRET_NAME.test(name) || Buffer.isBuffer(value)) described[name] = '(set)';
    else if (typeof value === 'string') described[name] = maskCredentials(value);
    else if (Array.isArray(value)) described[name] = value.map((v) => (typeof v === 'string' ? maskCredentials(v) : v));
    else described[name] = value;
  }
  return described;
}
