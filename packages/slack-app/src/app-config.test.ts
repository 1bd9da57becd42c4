import { cachedSlackAppConfig, type SlackAppConfig, slackAppView } from './app-config';

const config = (enabled: boolean): SlackAppConfig => ({
  enabled,
  credentials: {
    clientId: { value: '123.456', source: 'database', stored: true },
    clientSecret: { value: 's3cret', source: 'env', stored: true },
    signingSecret: { value: 'signing', source: 'database', stored: true },
    verificationToken: { value: null, source: null, stored: false },
  },
  installPolicy: 'approval',
  preApprovedTeamIds: ['T0001'],
  approvalLink: null,
  updatedAt: new Date('2026-12-08T10:00:00Z'),
});

describe('cachedSlackAppConfig', () => {
  it('loads once per interval, at once again after forget()', async () => {
    let clock = 0;
    let loads = 0;
    const source = cachedSlackAppConfig(async () => config(++loads % 2 === 1), { ttlMs: 3000, now: () => clock });
    const [a, b] = await Promise.all([source.current(), source.current()]);
    expect(a.enabled && b.enabled).toBe(true);
    expect(loads).toBe(1);
    clock = 2999;
    await source.current();
    expect(loads).toBe(1);
    clock = 3000;
    expect((await source.current()).enabled).toBe(false);
    expect(loads).toBe(2);
    source.forget();
    await source.current();
    expect(loads).toBe(3);
  });

  it('does not keep a failed load', async () => {
    let fail = true;
    const source = cachedSlackAppConfig(
      async () => {
        if (fail) throw new Error('database down');
        return config(true);
      },
      { ttlMs: 60_000 },
    );
    await expect(source.current()).rejects.toThrow('database down');
    fail = false;
    await expect(source.current()).resolves.toMatchObject({ enabled: true });
  });
});

describe('slackAppView', () => {
  it('shows the client id, and of each secret only whether it is set and where from', () => {
    const view = slackAppView(config(true), 'https://chatops.example.com/');
    expect(view).toEqual({
      enabled: true,
      clientId: { value: '123.456', source: 'database', stored: true },
      clientSecret: { set: true, source: 'env', stored: true },
      signingSecret: { set: true, source: 'database', stored: true },
      verificationToken: { set: false, source: null, stored: false },
      installPolicy: 'approval',
      preApprovedTeamIds: ['T0001'],
      approvalLink: null,
      installUrl: 'https://chatops.example.com/slack/install',
      updatedAt: '2026-12-08T10:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toContain('s3cret');
  });
});
