/**
 * The Redis and PostgreSQL that integration tests use, started by `make test` (scripts/infra.sh).
 * Tests never start Docker; they need these two URLs.
 */
export function testInfra(): { redisUrl: string; databaseUrl: string } {
  const redisUrl = process.env.TEST_REDIS_URL;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!redisUrl || !databaseUrl) {
    throw new Error(
      'Integration tests need TEST_REDIS_URL and TEST_DATABASE_URL: run them with `make test`, or start scripts/infra.sh up test and export its env.',
    );
  }
  return { redisUrl, databaseUrl };
}

/**
 * Databases are named per jest run (global setup picks the run id and hands it to the workers
 * through the environment), so two runs against one server never touch each other's databases.
 */
export function testRunId(): string {
  const run = process.env.CHATOPS_TEST_RUN;
  if (!run)
    throw new Error('CHATOPS_TEST_RUN is not set: integration tests must run through jest (its global setup sets it)');
  return run;
}
export const templateDatabase = () => `chatops_tpl_${testRunId()}`;
export const testDatabasePrefix = () => `chatops_t_${testRunId()}_`;

/** The same server, another database. */
export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A 32-byte key for tests that seal secrets (any fixed value works; it never leaves the test). */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 0x5a).toString('hex');
