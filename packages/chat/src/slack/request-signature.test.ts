import { signSlackRequest, verifySlackSignature } from './request-signature';

// Slack's published example ("Verifying requests from Slack").
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY = Buffer.from(
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
);
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const NOW = Number(TIMESTAMP) + 10;

describe('Slack request signatures', () => {
  it("verifies Slack's published example and signs it identically", () => {
    expect(verifySlackSignature(SECRET, { timestamp: TIMESTAMP, signature: SIGNATURE, body: BODY }, NOW)).toBe('valid');
    expect(signSlackRequest(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
  });

  it('rejects a changed body, another secret, a malformed signature and missing headers', () => {
    const check = (overrides: Partial<{ timestamp: string; signature: string; body: Buffer }>, secret = SECRET) =>
      verifySlackSignature(secret, { timestamp: TIMESTAMP, signature: SIGNATURE, body: BODY, ...overrides }, NOW);
    expect(check({ body: Buffer.concat([BODY, Buffer.from('x')]) })).toBe('mismatch');
    expect(check({}, `${SECRET}0`)).toBe('mismatch');
    expect(check({ signature: 'v1=abc' })).toBe('mismatch');
    expect(check({ signature: SIGNATURE.toUpperCase() })).toBe('mismatch');
    expect(verifySlackSignature(SECRET, { timestamp: undefined, signature: SIGNATURE, body: BODY }, NOW)).toBe(
      'missing',
    );
    expect(verifySlackSignature(SECRET, { timestamp: TIMESTAMP, signature: undefined, body: BODY }, NOW)).toBe(
      'missing',
    );
  });

  it('rejects timestamps more than five minutes away, either side, even when correctly signed', () => {
    const at = (now: number) =>
      verifySlackSignature(SECRET, { timestamp: TIMESTAMP, signature: SIGNATURE, body: BODY }, now);
    expect(at(Number(TIMESTAMP) + 300)).toBe('valid');
    expect(at(Number(TIMESTAMP) + 301)).toBe('stale');
    expect(at(Number(TIMESTAMP) - 301)).toBe('stale');
    expect(verifySlackSignature(SECRET, { timestamp: '1531420618.5', signature: SIGNATURE, body: BODY }, NOW)).toBe(
      'stale',
    );
  });
});
