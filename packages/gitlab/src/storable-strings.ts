/**
 * What PostgreSQL cannot store in text or jsonb: NUL, and a UTF-16 surrogate without its partner
 * (JSON lets both through as `\u0000` and `\ud800`). Either would be accepted here and refused by
 * the database later, on every retry.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this must find
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const UNSTORABLE_TEST = new RegExp(UNSTORABLE.source, 'u');

/** U+FFFD REPLACEMENT CHARACTER: marks where the unstorable character was, as a UTF-8 decoder does. */
const REPLACEMENT = '\uFFFD';

/** The string with each NUL and lone surrogate replaced by U+FFFD; surrogate pairs (emoji) are kept. */
export function storableString(text: string): string {
  return UNSTORABLE_TEST.test(text) ? text.replace(UNSTORABLE, REPLACEMENT) : text;
}

const ESCAPED_UNSTORABLE = /\\u(?:0000|d[89a-f])/i;

/**
 * Whether JSON text may parse into a string storableString would change. JSON.parse refuses a raw
 * NUL inside a string, and a UTF-8 decoder turns invalid bytes into U+FFFD, so both can only
 * arrive escaped: `\u0000`, or `\ud800`–`\udfff` (which also matches a pair, or an escaped
 * backslash before such text: then the caller merely checks for nothing). A payload without any
 * skips the walk of withStorableStrings, which is most of them.
 */
export function jsonTextMayHoldUnstorable(json: string): boolean {
  return ESCAPED_UNSTORABLE.test(json);
}

/**
 * A parsed JSON value with every string value and key made storable (see storableString). Returns
 * the same value when nothing needed replacing, and copies only the objects and arrays on the way
 * to a replaced string. Recursive: call it on values whose depth is already bounded (the gateway
 * checks `nestsDeeperThan` first). Two keys that become the same keep the later one's value, as
 * `JSON.parse` does for a repeated key.
 */
export function withStorableStrings<T>(value: T): T {
  return storable(value) as T;
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableString(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map(storable);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let changed = false;
  const entries = Object.entries(value).map(([key, child]) => {
    const entry = [storableString(key), storable(child)] as const;
    if (entry[0] !== key || entry[1] !== child) changed = true;
    return entry;
  });
  // fromEntries defines own properties, so a `__proto__` key stays data and never sets a prototype.
  return changed ? Object.fromEntries(entries) : value;
}
