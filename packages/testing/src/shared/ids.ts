import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Random lowercase hex, for secrets and opaque codes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A Mattermost-style id: 26 lowercase base32 characters. */
export function mattermostId(): string {
  return pick(BASE32, 26);
}

/** A Slack-style id such as `C04ABCD1234`: a type prefix and upper-case alphanumerics. */
export function slackId(prefix: string, length = 10): string {
  return prefix + pick(UPPER_ALNUM, length);
}

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}
