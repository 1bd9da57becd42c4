import { databaseUrl, port, publicUrl, secret } from '@chatops/config';
import { z } from 'zod';

/** The demo's own settings; every port is on 127.0.0.1. */
export const demoEnvSchema = z.object({
  DEMO_VIEWER_PORT: port(3010),
  DEMO_SLACK_PORT: port(3011),
  DEMO_MATTERMOST_PORT: port(3012),
  DEMO_GITLAB_PORT: port(3013),
  /** The gateway's, as scripts/services.sh sets it (PUBLIC_URL defaults to it). */
  GATEWAY_PORT: port(3000),
  PUBLIC_URL: publicUrl().optional(),
  /** Where the seeding keeps the endpoint and its secret; default .local/demo/state.json. */
  DEMO_STATE_FILE: z.string().min(1).optional(),
  /** Pause between the replay's events, so each one can be watched arriving. */
  DEMO_REPLAY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
});
export type DemoEnv = z.output<typeof demoEnvSchema>;

/** What seeding needs on top: the admin API's token and what the operator CLI reads. */
export const seedEnvSchema = z.object({
  ADMIN_TOKEN: secret(24),
  DATABASE_URL: databaseUrl(),
  /** Passed on to the operator CLI, which checks it. */
  ENCRYPTION_KEY: z.string().min(1),
});
export type SeedEnv = z.output<typeof seedEnvSchema>;
