import {
  commonEnvShape,
  gitlabOAuthComplete,
  gitlabOAuthEnvShape,
  port,
  positiveInt,
  publicUrl,
} from '@chatops/config';
import { z } from 'zod';

export const commandHandlerEnvSchema = z
  .object({
    ...commonEnvShape,
    ...gitlabOAuthEnvShape,
    /** Health, readiness and metrics. */
    COMMAND_HANDLER_PORT: port(3001),
    COMMAND_HANDLER_CONCURRENCY: positiveInt(20),
    /** The gateway's public URL: account-linking links point at it. */
    PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
    /** How often a ChatOps `run` job is checked for completion. */
    CHATOPS_POLL_INTERVAL_MS: positiveInt(5000),
  })
  .superRefine(gitlabOAuthComplete);

export type CommandHandlerEnv = z.output<typeof commandHandlerEnvSchema>;
