import { SecretBox } from './secret-box';
import { generateSecret, hashSecret, secretMatches } from './secret-hash';

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));

  it('round-trips and never repeats a ciphertext', () => {
    const a = box.seal('xoxb-123');
    const b = box.seal('xoxb-123');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('xoxb');
    expect(box.open(a)).toBe('xoxb-123');
  });

  it('rejects another key and tampering', () => {
    const sealed = box.seal('secret');
    expect(() => new SecretBox(Buffer.alloc(32, 2)).open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => box.open('plain')).toThrow('not a sealed secret');
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
