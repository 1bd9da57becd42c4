import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { databaseUrlFor, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, testInfra } from './infra';

const ROOT = resolve(__dirname, '../..');

/**
 * Builds the template database once per run by applying the real migrations; every test file
 * then copies it (CREATE DATABASE … TEMPLATE), which takes milliseconds. Also drops databases
 * that an interrupted earlier run left behind.
 */
export default async function globalSetup(): Promise<void> {
  const { databaseUrl } = testInfra();
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DATABASE_PREFIX}%`]);
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  execFileSync(resolve(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrlFor(databaseUrl, TEMPLATE_DATABASE) },
    stdio: 'pipe',
  });
}
