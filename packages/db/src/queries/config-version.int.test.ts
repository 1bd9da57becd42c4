import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { seedDiasporaProject, seedSlackIntegration } from '@chatops/test-support/seed';
import { createEndpoint, touchEndpointLastEvent } from './endpoints';
import { readConfigVersion } from './config-version';

describe('the configuration version (real PostgreSQL, the migration triggers)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  /** Whether `change` moved the version. */
  const moves = async (change: () => Promise<unknown>): Promise<boolean> => {
    const before = await readConfigVersion(database.sql);
    await change();
    return (await readConfigVersion(database.sql)) !== before;
  };

  it('moves when projects, endpoints, integrations or installations change, by any writer', async () => {
    const project = await seedDiasporaProject(database.db);
    let endpointId = '';
    expect(
      await moves(async () => {
        endpointId = (await createEndpoint(database.db, { projectId: project.id })).endpoint.id;
      }),
    ).toBe(true);
    let integrationId = '';
    expect(
      await moves(async () => {
        ({ integrationId } = await seedSlackIntegration(database.db, {
          teamId: 'T1',
          botToken: 'xoxb-1',
          channel: 'C1',
          events: ['push'],
        }));
      }),
    ).toBe(true);
    expect(
      await moves(() => database.db.integration.update({ where: { id: integrationId }, data: { active: false } })),
    ).toBe(true);
    expect(
      await moves(() =>
        database.db.webhookEndpoint.update({ where: { id: endpointId }, data: { disabledAt: new Date() } }),
      ),
    ).toBe(true);
    // Plain SQL, as a person with psql would.
    expect(await moves(() => database.sql.query(`UPDATE "SlackInstallation" SET "revokedAt" = now()`))).toBe(true);
    expect(
      await moves(() => database.db.project.update({ where: { id: project.id }, data: { name: 'renamed' } })),
    ).toBe(true);
  });

  it('stays when the gateway only notes when an endpoint last received an event', async () => {
    const project = await database.db.project.findFirstOrThrow();
    const { endpoint } = await createEndpoint(database.db, { projectId: project.id });
    expect(await moves(() => touchEndpointLastEvent(database.db, endpoint.id, new Date(), 0))).toBe(false);
  });

  it('stays when deliveries are written', async () => {
    expect(await moves(() => database.sql.query(`DELETE FROM "Delivery"`))).toBe(false);
  });
});
