import { commonEnvShape, databaseUrl, encryptionKey, loadConfig, publicUrl } from '@chatops/config';
import { createPrismaClient, type Db, SecretBox } from '@chatops/db';
import { z } from 'zod';

const cliEnvSchema = z.object({
  DATABASE_URL: databaseUrl(),
  ENCRYPTION_KEY: encryptionKey(),
  PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
  QUEUE_PREFIX: commonEnvShape.QUEUE_PREFIX,
});

/** What a CLI command may use; built lazily so `help` works without any configuration. */
export interface CliContext {
  db: Db;
  box: SecretBox;
  publicUrl: string;
  print(line: string): void;
}

export function createCliContext(env: Record<string, string | undefined>, print: (line: string) => void): CliContext & { close(): Promise<void> } {
  const config = loadConfig(cliEnvSchema, env);
  const db = createPrismaClient(config.DATABASE_URL, { poolSize: 2 });
  return { db, box: new SecretBox(config.ENCRYPTION_KEY), publicUrl: config.PUBLIC_URL, print, close: () => db.$disconnect() };
}
