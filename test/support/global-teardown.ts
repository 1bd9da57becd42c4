import { asAdmin, dropDatabase } from './postgres-admin';
import { templateDatabase, testDatabasePrefix } from './infra';

/** Drops this run's template and whatever test databases its files left behind. */
export default async function globalTeardown(): Promise<void> {
  const left = await asAdmin((c) =>
    c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${testDatabasePrefix()}%`]),
  );
  for (const { datname } of left.rows) await dropDatabase(datname);
  await dropDatabase(templateDatabase());
}
