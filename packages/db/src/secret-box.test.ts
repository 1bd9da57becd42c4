import { SecretBox, SecretBoxError, secretKeyId } from './secret-box';
import { generateSecret, hashSecret, secretMatches } from './secret-hash';

const KEY_1 = Buffer.alloc(32, 1);
const KEY_2 = Buffer.alloc(32, 2);
const KEY_3 = Buffer.alloc(32, 3);
/** Sealed by the v1 SecretBox (before key ids), with KEY_1 and KEY_2: values already in databases. */
const V1_UNDER_KEY_1 = 'v1.RUpI-KdovHZby6Ai.iyzOrW90pPF2iTUSLZe_nQ.0GLIf0AFvY4Wdq4';
const V1_UNDER_KEY_2 = 'v1.4od09io1DoApWS8v.r5a5ZC47_hYX4DPVWJN-5A.8cJlreWalcnxGSesPg';

function failure(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretBoxError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('SecretBox', () => {
  const box = new SecretBox(KEY_1);

  it('round-trips and never repeats a ciphertext', () => {
    const a = box.seal('xoxb-123');
    const b = box.seal('xoxb-123');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('xoxb');
    expect(box.open(a)).toBe('xoxb-123');
  });

  it('names the key that sealed a value, by an id that is not the key', () => {
    const sealed = box.seal('secret');
    expect(sealed.split('.').slice(0, 2)).toEqual(['v2', secretKeyId(KEY_1)]);
    expect(box.keyId).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(secretKeyId(KEY_2)).not.toBe(box.keyId);
    expect(KEY_1.toString('base64url')).not.toContain(box.keyId);
  });

  it('rejects another key and tampering', () => {
    const sealed = box.seal('secret');
    expect(failure(() => new SecretBox(KEY_2).open(sealed))).toBe('unknown_key');
    const parts = sealed.split('.');
    expect(failure(() => box.open([...parts.slice(0, 4), Buffer.from('other').toString('base64url')].join('.')))).toBe(
      'undecryptable',
    );
    // The key id is bound to the ciphertext: relabelling a value does not make another key try it.
    const relabelled = ['v2', secretKeyId(KEY_2), ...parts.slice(2)].join('.');
    expect(failure(() => new SecretBox(KEY_1, [KEY_2]).open(relabelled))).toBe('undecryptable');
    expect(() => box.open('plain')).toThrow('not a sealed secret');
    expect(failure(() => box.open('v2.abc.def'))).toBe('malformed');
  });

  it('opens values sealed under a previous key and seals under the current one', () => {
    const old = new SecretBox(KEY_1).seal('xoxb-old');
    const rotated = new SecretBox(KEY_2, [KEY_1]);
    expect(rotated.open(old)).toBe('xoxb-old');
    expect(rotated.isCurrent(old)).toBe(false);
    const resealed = rotated.reseal(old);
    expect(rotated.isCurrent(resealed)).toBe(true);
    expect(new SecretBox(KEY_2).open(resealed)).toBe('xoxb-old');
    expect(rotated.reseal(resealed)).toBe(resealed);
  });

  it('opens values sealed before key ids, under the current key or a previous one', () => {
    expect(new SecretBox(KEY_1).open(V1_UNDER_KEY_1)).toBe('xoxb-legacy');
    const box2 = new SecretBox(KEY_2, [KEY_3, KEY_1]);
    expect(box2.open(V1_UNDER_KEY_1)).toBe('xoxb-legacy');
    expect(box2.open(V1_UNDER_KEY_2)).toBe('xoxb-legacy-2');
    expect(box2.isCurrent(V1_UNDER_KEY_2)).toBe(false);
    expect(new SecretBox(KEY_2).open(box2.reseal(V1_UNDER_KEY_1))).toBe('xoxb-legacy');
    expect(failure(() => new SecretBox(KEY_3).open(V1_UNDER_KEY_1))).toBe('unknown_key');
  });

  it('refuses keys of the wrong size', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow('32-byte');
    expect(() => new SecretBox(KEY_1, [Buffer.alloc(31)])).toThrow('32-byte');
  });
});

describe('secret hashes', () => {
  it('matches only the same secret', () => {
    const secret = generateSecret();
    const stored = hashSecret(secret);
    expect(secretMatches(secret, stored)).toBe(true);
    expect(secretMatches(`${secret}x`, stored)).toBe(false);
    expect(secretMatches('', stored)).toBe(false);
    expect(secretMatches(secret, 'abcd')).toBe(false);
  });
});
