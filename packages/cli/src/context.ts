import {
  commonEnvShape,
  databaseUrl,
  encryptionKey,
  encryptionKeyList,
  httpUrl,
  loadConfig,
  outboundEnvShape,
  publicUrl,
  redisClusterRule,
  slackAppEnvShape,
} from '@chatops/config';
import { createPrismaClient, type Db, SecretBox } from '@chatops/db';
import { createProducerConnection, JobQueues } from '@chatops/jobs';
import { type OutboundPolicy } from '@chatops/outbound';
import { type SlackAppEnv } from '@chatops/slack-app';
import { z } from 'zod';

const cliEnvSchema = z
  .object({
    DATABASE_URL: databaseUrl(),
    ENCRYPTION_KEY: encryptionKey(),
    ENCRYPTION_KEYS_PREVIOUS: encryptionKeyList(),
    PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
    QUEUE_PREFIX: commonEnvShape.QUEUE_PREFIX,
    REDIS_URL: commonEnvShape.REDIS_URL,
    REDIS_CLUSTER: commonEnvShape.REDIS_CLUSTER,
    SLACK_API_URL: httpUrl().default('https://slack.com/api'),
    ...outboundEnvShape,
    ...slackAppEnvShape,
  })
  .superRefine(redisClusterRule);

/** What a CLI command may use. */
export interface CliContext {
  readonly db: Db;
  readonly box: SecretBox;
  readonly publicUrl: string;
  /** Slack Web API base, as the services read it (tests point it at a fake). */
  readonly slackApiUrl: string;
  /**
   * Which webhook and Mattermost server URLs may be stored and posted to (OUTBOUND_ALLOWED_HOSTS,
   * as the services read it): none at an internal address by default.
   */
  readonly outbound: OutboundPolicy;
  /** SLACK_* credentials in this process's environment: they override the stored ones, as in the services. */
  readonly slackAppEnv: SlackAppEnv;
  /** Producer side of the job queues (deliveries:replay, events:*, stats); connects to Redis on first use. */
  readonly queues: Pick<JobQueues, 'enqueue' | 'requeue' | 'queue' | 'whenConnected'>;
  print(line: string): void;
}

/**
 * Configuration and the database are loaded on first use, so commands that need neither
 * (`help`, `render`) run without any environment.
 */
export class LazyCliContext implements CliContext {
  private config: z.output<typeof cliEnvSchema> | undefined;
  private client: Db | undefined;
  private redis: ReturnType<typeof createProducerConnection> | undefined;
  private jobQueues: JobQueues | undefined;

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
    return new SecretBox(this.settings.ENCRYPTION_KEY, this.settings.ENCRYPTION_KEYS_PREVIOUS);
  }

  get publicUrl(): string {
    return this.settings.PUBLIC_URL;
  }

  get slackApiUrl(): string {
    return this.settings.SLACK_API_URL;
  }

  get outbound(): OutboundPolicy {
    return this.settings.OUTBOUND_ALLOWED_HOSTS;
  }

  get slackAppEnv(): SlackAppEnv {
    return this.settings;
  }

  get queues(): JobQueues {
    if (!this.jobQueues) {
      this.redis = createProducerConnection(this.settings.REDIS_URL, { cluster: this.settings.REDIS_CLUSTER });
      // A down Redis surfaces as queue_unavailable from enqueue; the listener keeps ioredis quiet.
      this.redis.on('error', () => undefined);
      this.jobQueues = new JobQueues(this.redis, this.settings.QUEUE_PREFIX);
    }
    return this.jobQueues;
  }

  async close(): Promise<void> {
    await this.jobQueues?.close();
    this.redis?.disconnect();
    await this.client?.$disconnect();
  }
}
