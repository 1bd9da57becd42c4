import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** v1 (before key ids): "v1.<iv>.<tag>.<ciphertext>", sealed with whichever key was configured then. */
const V1 = 'v1';
/** "v2.<kid>.<iv>.<tag>.<ciphertext>": the id of the key it was sealed with, bound in as AAD. */
const V2 = 'v2';

/** Why a value could not be opened; `unknown_key` means the key that sealed it is not configured. */
export type SecretBoxFailure = 'malformed' | 'unknown_key' | 'undecryptable';

export class SecretBoxError extends Error {
  constructor(
    readonly reason: SecretBoxFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * A key's public id: 8 base64url characters of an HMAC under the key itself, so it tells which
 * key sealed a value without revealing anything about the key.
 */
export function secretKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('chatops secret-box key id').digest().subarray(0, 6).toString('base64url');
}

/**
 * Seals secrets we must be able to read back (bot tokens, OAuth tokens, webhook URLs) with
 * AES-256-GCM under the current key, and opens values sealed under the current key or any of the
 * previous ones (docs/operations.md, "Rotating the encryption key"). Output:
 * "v2.<kid>.<iv>.<tag>.<ciphertext>", base64url parts. Values in the older "v1" format carry no
 * key id: each configured key is tried (GCM's tag tells the right one).
 */
export class SecretBox {
  /** The id of the current key, the one `seal` uses. */
  readonly keyId: string;
  private readonly key: Buffer;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(key: Buffer, previousKeys: readonly Buffer[] = []) {
    for (const k of [key, ...previousKeys]) if (k.length !== 32) throw new Error('SecretBox needs 32-byte keys');
    this.key = key;
    this.keyId = secretKeyId(key);
    const keys = new Map([[this.keyId, key]]);
    for (const previous of previousKeys)
      if (!keys.has(secretKeyId(previous))) keys.set(secretKeyId(previous), previous);
    this.keys = keys;
  }

  seal(plaintext: string): string {
    const header = `${V2}.${this.keyId}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(header));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [header, ...[iv, cipher.getAuthTag(), ciphertext].map((p) => p.toString('base64url'))].join('.');
  }

  /** Throws a SecretBoxError if no configured key sealed the value, or it was tampered with. */
  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts[0] === V2 && parts.length === 5) {
      const [, kid = '', iv = '', tag = '', ciphertext = ''] = parts;
      const key = this.keys.get(kid);
      if (!key) throw new SecretBoxError('unknown_key', `sealed with key ${kid}, which is not configured`);
      const plaintext = decrypt(key, iv, tag, ciphertext, `${V2}.${kid}`);
      if (plaintext === null) throw new SecretBoxError('undecryptable', `does not open with key ${kid}: tampered`);
      return plaintext;
    }
    if (parts[0] === V1 && parts.length === 4) {
      const [, iv = '', tag = '', ciphertext = ''] = parts;
      for (const key of this.keys.values()) {
        const plaintext = decrypt(key, iv, tag, ciphertext);
        if (plaintext !== null) return plaintext;
      }
      throw new SecretBoxError('unknown_key', 'sealed (v1) with none of the configured keys, or tampered');
    }
    throw new SecretBoxError('malformed', 'not a sealed secret');
  }

  /** Whether the value is sealed under the current key in the current format (`reseal` keeps it). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${V2}.${this.keyId}.`);
  }

  /** The value sealed under the current key: itself when it already is. Throws as `open` does. */
  reseal(sealed: string): string {
    const plaintext = this.open(sealed);
    return this.isCurrent(sealed) ? sealed : this.seal(plaintext);
  }
}

/** The plaintext, or null when the key (or the associated data) does not match the tag. */
function decrypt(key: Buffer, iv: string, tag: string, ciphertext: string, aad?: string): string | null {
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new SecretBoxError('malformed', 'not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, ivBytes);
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
