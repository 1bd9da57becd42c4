import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { seedSlackIntegration } from '@chatops/test-support/seed';
import { claimThreadRoot, releaseThreadRoot, saveThreadRoot, type ThreadAnchorKey } from './thread-anchors';

describe('thread roots (real PostgreSQL)', () => {
  let database: TestDatabase;
  let integrationId: string;
  let counter = 0;
  const HOUR = 3_600_000;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ integrationId } = await seedSlackIntegration(database.db, {
      teamId: 'T1',
      botToken: 'xoxb-test',
      channel: 'CGEN',
      events: ['merge_request'],
    }));
  });
  afterAll(async () => {
    await database.drop();
  });

  const newKey = (): ThreadAnchorKey => ({ integrationId, channel: 'CGEN', threadKey: `merge_request:${++counter}` });

  it('lets one of several concurrent deliveries post the root; the others wait for it', async () => {
    const key = newKey();
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimThreadRoot(database.sql, key, HOUR)));
    expect(claims.map((c) => c.kind).sort()).toEqual(['claimed', 'posting', 'posting', 'posting']);
    await saveThreadRoot(database.db, key, { remoteChannel: 'C0GENERAL1', remoteMessageId: '1700000000.000100' });
    const after = await claimThreadRoot(database.sql, key, HOUR);
    expect(after.kind === 'anchored' && after.anchor).toMatchObject({
      remoteChannel: 'C0GENERAL1',
      remoteMessageId: '1700000000.000100',
    });
  });

  it('gives a released claim to the next delivery', async () => {
    const key = newKey();
    expect((await claimThreadRoot(database.sql, key, HOUR)).kind).toBe('claimed');
    await releaseThreadRoot(database.db, key);
    expect((await claimThreadRoot(database.sql, key, HOUR)).kind).toBe('claimed');
  });

  it('takes over a claim whose holder went quiet, once', async () => {
    const key = newKey();
    expect((await claimThreadRoot(database.sql, key, HOUR)).kind).toBe('claimed');
    await database.db.threadAnchor.updateMany({ where: key, data: { updatedAt: new Date(Date.now() - 60_000) } });
    const takeovers = await Promise.all([
      claimThreadRoot(database.sql, key, 30_000),
      claimThreadRoot(database.sql, key, 30_000),
    ]);
    expect(takeovers.map((c) => c.kind).sort()).toEqual(['claimed', 'posting']);
  });

  it('never releases a recorded root', async () => {
    const key = newKey();
    await claimThreadRoot(database.sql, key, HOUR);
    await saveThreadRoot(database.db, key, { remoteChannel: 'C0GENERAL1', remoteMessageId: '1700000000.000200' });
    await releaseThreadRoot(database.db, key);
    expect((await claimThreadRoot(database.sql, key, HOUR)).kind).toBe('anchored');
  });
});
