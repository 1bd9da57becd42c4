import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';

const ROOT = resolve(__dirname, '../../..');

/** pg_dump of the server's major version (Debian keeps one per major under /usr/lib/postgresql). */
function pgDumpBinary(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = majors.map((m) => `${base}/${m}/bin/pg_dump`).find((p) => existsSync(p));
  return found ?? 'pg_dump';
}

/**
 * The schema as DDL, without comments, blank lines and pg_dump's per-run \restrict keys, with
 * each table's columns sorted: a migration's ADD COLUMN appends where schema.prisma may list the
 * field elsewhere, and column order is not drift.
 */
function schemaOf(url: string): string {
  const dump = execFileSync(pgDumpBinary(), ['--schema-only', '--no-owner', '--no-privileges', '--dbname', url], {
    encoding: 'utf8',
  });
  const lines = dump
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('--') && !/^\\(un)?restrict /.test(line));
  return lines.join('\n').replace(
    /(CREATE TABLE [^\n]+ \(\n)([\s\S]*?)(\n\);)/g,
    (_m, head: string, columns: string, tail: string) =>
      head +
      columns
        .split('\n')
        .map((c) => c.replace(/,$/, ''))
        .sort()
        .join('\n') +
      tail,
  );
}

/**
 * The migrations must build exactly the schema that prisma/schema.prisma (and, for what it cannot
 * express, prisma/beyond-schema.sql) describes: a change to the schema without a migration (or a
 * hand-edited migration) fails here, not in production.
 */
describe('schema and migrations', () => {
  let fromMigrations: TestDatabase;
  let fromSchema: TestDatabase;

  beforeAll(async () => {
    [fromMigrations, fromSchema] = await Promise.all([createTestDatabase(), createTestDatabase({ empty: true })]);
  });
  afterAll(async () => {
    await Promise.all([fromMigrations.drop(), fromSchema.drop()]);
  });

  it('agree', async () => {
    // One side: the template, built by `prisma migrate deploy`, minus Prisma's bookkeeping table.
    await fromMigrations.db.$executeRawUnsafe('DROP TABLE "_prisma_migrations"');

    // Other side: an empty database given the DDL Prisma derives from schema.prisma alone.
    const ddl = execFileSync(
      resolve(ROOT, 'node_modules/.bin/prisma'),
      ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: fromSchema.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const client = new Client({ connectionString: fromSchema.url });
    await client.connect();
    try {
      await client.query(ddl);
      // Triggers, functions and sequences schema.prisma cannot express, kept beside it.
      await client.query(readFileSync(resolve(ROOT, 'prisma/beyond-schema.sql'), 'utf8'));
    } finally {
      await client.end();
    }

    const migrated = schemaOf(fromMigrations.url);
    expect(migrated).toContain('CREATE TABLE public."WebhookEndpoint"');
    expect(schemaOf(fromSchema.url)).toBe(migrated);
  });
});
