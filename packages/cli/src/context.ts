import { commonEnvShape, databaseUrl, encryptionKey, loadConfig, publicUrl } from '@chatops/config';
import { createPrismaClient, type Db, SecretBox } from '@chatops/db';
import { z } from 'zod';

const cliEnvSchema = z.object({
  DATABASE_URL: databaseUrl(),
  ENCRYPTION_KEY: encryptionKey(),
  PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
  QUEUE_PREFIX: commonEnvShape.QUEUE_PREFIX,
});

/** What a CLI command may use. */
export interface CliContext {
  readonly db: Db;
  readonly box: SecretBox;
  readonly publicUrl: string;
  print(line: string): void;
}

/**
 * Configuration and the database are loaded on first use, so commands that need neither
 * (`help`, `render`) run without any environment.
 */
export class LazyCliContext implements CliContext {
  private config: z.output<typeof cliEnvSchema> | undefined;
  private client: Db | undefined;

  constructor(
    private readonly env: Record<string, string | undefined>,
    readonly print: (line: string) => void,
  ) {}

  private get settings(): z.output<typeof cliEnvSchema> {
    this.config ??= loadConfig(cliEnvSchema, this.env);
    return this.config;
  }

  get db(): Db {
    this.client ??= createPrismaClient(this.settings.DATABASE_URL, { poolSize: 2 });
    return this.client;
  }

  get box(): SecretBox {
    return new SecretBox(this.settings.ENCRYPTION_KEY);
  }

  get publicUrl(): string {
    return this.settings.PUBLIC_URL;
  }

  async close(): Promise<void> {
    await this.client?.$disconnect();
  }
}
