import { Client } from 'pg';
import { dropDatabase } from './drop-database';
import { templateDatabase, testDatabasePrefix, testInfra } from './infra';

/** Drops this run's template and whatever test databases its files left behind. */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: testInfra().databaseUrl });
  await admin.connect();
  try {
    const left = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${testDatabasePrefix()}%`,
    ]);
    for (const { datname } of left.rows) await dropDatabase(datname);
    await dropDatabase(templateDatabase());
  } finally {
    await admin.end();
  }
}
