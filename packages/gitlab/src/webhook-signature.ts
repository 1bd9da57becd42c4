import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed webhook's timestamp may be from our clock (Standard Webhooks' 5 minutes). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = 'valid' | 'missing' | 'stale' | 'mismatch';

export interface SignedRequest {
  /** `webhook-id` (GitLab sets it to the Idempotency-Key). */
  id: string | undefined;
  /** `webhook-timestamp`, Unix seconds. */
  timestamp: string | undefined;
  /** `webhook-signature`: one or more space-separated `v1,<base64>` entries. */
  signature: string | undefined;
  /** The body exactly as received: the signature covers the bytes, not re-serialised JSON. */
  body: Buffer;
}

/** Each secret's keys, decoded once rather than for every signed webhook. */
const keysBySecret = new Map<string, Buffer[]>();
const MAX_CACHED_SECRETS = 1000;

/**
 * The HMAC keys a signing secret stands for. Standard Webhooks secrets look like
 * `whsec_<base64>` and the key is the decoded bytes; GitLab's docs do not say whether it decodes
 * them, so the secret's own bytes are accepted as the key too. Both are equally secret.
 */
function keysOf(secret: string): Buffer[] {
  let keys = keysBySecret.get(secret);
  if (!keys) {
    keys = [Buffer.from(secret, 'utf8')];
    if (secret.startsWith('whsec_')) keys.unshift(Buffer.from(secret.slice('whsec_'.length), 'base64'));
    // Bounded by emptying: endpoints are few, and a rotated secret's keys must not stay for good.
    if (keysBySecret.size >= MAX_CACHED_SECRETS) keysBySecret.clear();
    keysBySecret.set(secret, keys);
  }
  return keys;
}

function hmac(key: Buffer, request: { id: string; timestamp: string; body: Buffer }): Buffer {
  return createHmac('sha256', key).update(`${request.id}.${request.timestamp}.`).update(request.body).digest();
}

/** The `webhook-signature` value GitLab would send (for tests, fakes and operators' checks). */
export function signWebhook(secret: string, request: { id: string; timestamp: string; body: Buffer }): string {
  const [key] = keysOf(secret);
  return `v1,${hmac(key ?? Buffer.alloc(0), request).toString('base64')}`;
}

/**
 * Verifies a GitLab signed webhook (Standard Webhooks scheme): HMAC-SHA256 of
 * `{webhook-id}.{webhook-timestamp}.{body}`, compared in constant time, with a timestamp no more
 * than five minutes away so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(secret: string, request: SignedRequest, nowSeconds: number): SignatureCheck {
  const { id, timestamp, signature } = request;
  if (!id || !timestamp || !signature) return 'missing';
  const sentAt = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - sentAt) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';

  const presented = signature
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  // The next key is tried only when this one matched nothing: each try hashes the whole body, and
  // the first key (a `whsec_` secret's decoded bytes) is the one a Standard Webhooks signer uses.
  const signedWith = (key: Buffer) => {
    const digest = hmac(key, { id, timestamp, body: request.body });
    return presented.some((candidate) => candidate.length === digest.length && timingSafeEqual(candidate, digest));
  };
  const matches = presented.length > 0 && keysOf(secret).some(signedWith);
  return matches ? 'valid' : 'mismatch';
}
