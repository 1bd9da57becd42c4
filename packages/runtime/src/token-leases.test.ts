import { type TokensTaken } from './token-buckets';
import { TokenLeases } from './token-leases';

/** A bucket in memory holding `tokens`, recording what each round trip asked for. */
function bucket(tokens: number) {
  const asked: number[] = [];
  let left = tokens;
  return {
    asked,
    refill: (n: number) => (left += n),
    takeUpTo: async (_key: string, want: number): Promise<TokensTaken> => {
      asked.push(want);
      const taken = Math.min(want, Math.floor(left));
      left -= taken;
      return taken >= 1 ? { taken, waitMs: 0 } : { taken: 0, waitMs: 700 };
    },
  };
}

describe('TokenLeases', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('asks for one token while a key is quiet', async () => {
    const b = bucket(100);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 32, now });
    for (let i = 0; i < 4; i++) {
      expect(await leases.take('k')).toBe(0);
      clock += 1000;
    }
    expect(b.asked).toEqual([1, 1, 1, 1]);
  });

  it('doubles the lease while a busy key uses it up in time, up to the most, and serves from it', async () => {
    const b = bucket(1000);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 8, now });
    for (let i = 0; i < 40; i++) {
      expect(await leases.take('k')).toBe(0);
      clock += 1;
    }
    // 1 + 2 + 4 + 8 + 8 + 8 + 8 + 8 = 47 ≥ 40 tokens in 8 round trips instead of 40.
    expect(b.asked).toEqual([1, 2, 4, 8, 8, 8, 8, 8]);
  });

  it('halves the lease after one expired unused, and drops what was left', async () => {
    const b = bucket(1000);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 8, now });
    for (let i = 0; i < 4; i++) await leases.take('k'); // asks 1, 2, then 4 (3 left over)
    clock += 251;
    await leases.take('k');
    expect(b.asked).toEqual([1, 2, 4, 2]);
  });

  it('never hands out more than the bucket gave, and says how long to wait when it is empty', async () => {
    const b = bucket(5);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 32, now });
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) answers.push(await leases.take('k'));
    expect(answers.filter((w) => w === 0)).toHaveLength(5);
    expect(answers.slice(5)).toEqual([700, 700, 700]);
    b.refill(1);
    clock += 1000;
    expect(await leases.take('k')).toBe(0);
  });

  it('takes a held token at once, and none when it holds none or its lease expired', async () => {
    const b = bucket(1000);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 32, now });
    expect(leases.takeHeld('k')).toBe(false);
    await leases.take('k');
    await leases.take('k'); // a lease of 2: one used, one held
    expect(leases.takeHeld('k')).toBe(true);
    expect(leases.takeHeld('k')).toBe(false);
    await leases.take('k'); // a lease of 4: 3 held
    clock += 250;
    expect(leases.takeHeld('k')).toBe(false);
    expect(b.asked).toEqual([1, 2, 4]);
  });

  it('keeps keys apart', async () => {
    const b = bucket(1000);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 32, now });
    await leases.take('a');
    await leases.take('a');
    await leases.take('b');
    expect(b.asked).toEqual([1, 2, 1]);
  });

  it('keeps what concurrent takes brought back, each taking one for itself', async () => {
    const b = bucket(1000);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 32, now });
    await leases.take('k'); // size 1, used up
    // Three miss at once: each asks for 2 and keeps 1, leaving 3 in the lease.
    expect(await Promise.all([leases.take('k'), leases.take('k'), leases.take('k')])).toEqual([0, 0, 0]);
    for (let i = 0; i < 3; i++) await leases.take('k');
    expect(b.asked).toEqual([1, 2, 2, 2]);
  });

  it('holds no token longer than a lease: what a slower round trip brings expires with the lease it joins', async () => {
    const answers: ((taken: TokensTaken) => void)[] = [];
    const slow = { takeUpTo: () => new Promise<TokensTaken>((resolve) => answers.push(resolve)) };
    const leases = new TokenLeases(slow, { leaseMs: 250, maxLease: 32, now });
    const first = leases.take('k');
    const second = leases.take('k');
    answers[0]?.({ taken: 1, waitMs: 0 });
    await first;
    clock = 200;
    answers[1]?.({ taken: 5, waitMs: 0 });
    await second;
    expect(leases.takeHeld('k')).toBe(true);
    clock = 260; // past the first lease's 250 ms, well within 250 ms of the second answer
    expect(leases.takeHeld('k')).toBe(false);
  });

  it('drops expired leases once it holds too many keys', async () => {
    const b = bucket(1000);
    const leases = new TokenLeases(b, { leaseMs: 250, maxLease: 32, now, maxKeys: 2 });
    await leases.take('a');
    await leases.take('b');
    clock += 1000;
    await leases.take('c');
    // 'a' was dropped: a take for it starts again at one token.
    clock += 1;
    await leases.take('a');
    expect(b.asked).toEqual([1, 1, 1, 1]);
  });
});
