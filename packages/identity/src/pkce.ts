import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  /** S256 challenge sent with the authorization request; the verifier goes with the code exchange. */
  challenge: string;
}

/** RFC 7636 proof key: 32 random bytes give a 43-character verifier, the recommended minimum entropy. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An unguessable single-use token (link tokens, OAuth `state`). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
