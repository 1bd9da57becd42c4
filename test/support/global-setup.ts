import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { databaseUrlFor, templateDatabase, testInfra } from './infra';

const ROOT = resolve(__dirname, '../..');

/**
 * Builds this run's template database once by applying the real migrations; every test file
 * then copies it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  // Workers start after global setup and inherit its environment.
  process.env.CHATOPS_TEST_RUN = randomBytes(4).toString('hex');
  const { databaseUrl } = testInfra();
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${templateDatabase()}`);
  } finally {
    await admin.end();
  }
  execFileSync(resolve(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrlFor(databaseUrl, templateDatabase()) },
    stdio: 'pipe',
  });
}
