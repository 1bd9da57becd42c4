import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { seedSlackInstallation } from '@chatops/test-support/seed';
import { SecretBox } from '../secret-box';
import { markSlackInstallationRevoked } from './installations';

describe('markSlackInstallationRevoked', () => {
  let database: TestDatabase;
  const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('marks only an installation still holding the token that failed, audited with the reason', async () => {
    const installation = await seedSlackInstallation(database.db, box, { botToken: 'xoxb-old' });
    // A reinstall replaced the token while a post with the old one was failing.
    const replaced = await markSlackInstallationRevoked(
      database.db,
      { teamId: 'T1', botTokenSealed: box.seal('xoxb-old') },
      'invalid_auth',
    );
    expect(replaced).toEqual([]);
    expect(
      (await database.db.slackInstallation.findUniqueOrThrow({ where: { id: installation.id } })).revokedAt,
    ).toBeNull();

    const revoked = await markSlackInstallationRevoked(
      database.db,
      { teamId: 'T1', botTokenSealed: installation.botTokenSealed },
      'invalid_auth',
    );
    expect(revoked.map((i) => i.id)).toEqual([installation.id]);
    const audit = await database.db.auditEntry.findFirstOrThrow({ where: { action: 'slack_installation.revoked' } });
    expect(audit).toMatchObject({
      actor: 'slack',
      target: installation.id,
      details: expect.objectContaining({ teamId: 'T1', reason: 'invalid_auth' }),
    });
  });
});
