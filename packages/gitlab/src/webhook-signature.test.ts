import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const body = Buffer.from('{"object_kind":"push"}');
const NOW = 1_800_000_000;
const signed = (overrides: Partial<{ id: string; timestamp: string; signature: string; body: Buffer }> = {}) => {
  const request = { id: 'msg_1', timestamp: String(NOW), body, ...overrides };
  return { ...request, signature: overrides.signature ?? signWebhook(SECRET, request) };
};

describe('verifyWebhookSignature', () => {
  it('accepts a request signed with the decoded whsec_ key, computed independently', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const digest = createHmac('sha256', key).update(`msg_1.${NOW}.${body.toString()}`).digest('base64');
    expect(
      verifyWebhookSignature(SECRET, { id: 'msg_1', timestamp: String(NOW), signature: `v1,${digest}`, body }, NOW),
    ).toBe('valid');
  });

  it('also accepts the secret string itself as the HMAC key', () => {
    const digest = createHmac('sha256', SECRET).update(`msg_1.${NOW}.`).update(body).digest('base64');
    expect(
      verifyWebhookSignature(SECRET, { id: 'msg_1', timestamp: String(NOW), signature: `v1,${digest}`, body }, NOW),
    ).toBe('valid');
  });

  it('accepts any one valid entry among several', () => {
    const good = signed().signature;
    expect(verifyWebhookSignature(SECRET, signed({ signature: `v1,Zm9v ${good} v2,abc` }), NOW)).toBe('valid');
  });

  it('rejects a tampered body, another id, another secret and a bad signature', () => {
    const request = signed();
    expect(verifyWebhookSignature(SECRET, { ...request, body: Buffer.from('{"object_kind":"tag_push"}') }, NOW)).toBe(
      'mismatch',
    );
    expect(verifyWebhookSignature(SECRET, { ...request, id: 'msg_2' }, NOW)).toBe('mismatch');
    expect(verifyWebhookSignature('whsec_b3RoZXI=', request, NOW)).toBe('mismatch');
    expect(verifyWebhookSignature(SECRET, { ...request, signature: 'v1,' }, NOW)).toBe('mismatch');
    expect(
      verifyWebhookSignature(SECRET, { ...request, signature: request.signature.replace('v1,', 'v2,') }, NOW),
    ).toBe('mismatch');
  });

  it('rejects timestamps more than five minutes away, either way', () => {
    expect(verifyWebhookSignature(SECRET, signed({ timestamp: String(NOW - 301) }), NOW)).toBe('stale');
    expect(verifyWebhookSignature(SECRET, signed({ timestamp: String(NOW + 301) }), NOW)).toBe('stale');
    expect(verifyWebhookSignature(SECRET, signed({ timestamp: String(NOW - 300) }), NOW)).toBe('valid');
    expect(verifyWebhookSignature(SECRET, signed({ timestamp: 'yesterday' }), NOW)).toBe('stale');
  });

  it('reports missing headers', () => {
    expect(
      verifyWebhookSignature(SECRET, { id: undefined, timestamp: String(NOW), signature: 'v1,x', body }, NOW),
    ).toBe('missing');
    expect(verifyWebhookSignature(SECRET, { id: 'a', timestamp: undefined, signature: 'v1,x', body }, NOW)).toBe(
      'missing',
    );
    expect(verifyWebhookSignature(SECRET, { id: 'a', timestamp: String(NOW), signature: undefined, body }, NOW)).toBe(
      'missing',
    );
  });
});
