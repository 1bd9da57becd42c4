import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets we only need to recognise (webhook tokens, Mattermost command tokens) are stored as
 * SHA-256 digests. They are generated with 256 bits of entropy, so a fast hash is enough; no
 * password-style stretching is needed.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret against a stored digest. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

/** A new random secret, URL-safe. */
export function generateSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
