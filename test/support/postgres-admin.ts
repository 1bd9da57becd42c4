import { Client } from 'pg';
import { testInfra } from './infra';

const INSUFFICIENT_PRIVILEGE = '42501';

/** `fn` with a session of its own on the test server's maintenance database, closed afterwards. */
export async function asAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testInfra().databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * DROP … WITH (FORCE) must terminate every session on the database, and the test role may not
 * terminate an autovacuum worker (it runs as the superuser). Autovacuum can visit a fresh
 * database at any moment, so wait for it to finish rather than fail the suite.
 */
export async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await asAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
