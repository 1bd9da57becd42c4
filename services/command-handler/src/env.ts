import {
  commonEnvShape,
  gitlabOAuthComplete,
  linkedUsersEnvShape,
  port,
  positiveInt,
  redisClusterRule,
} from '@chatops/config';
import { z } from 'zod';

export const commandHandlerEnvSchema = z
  .object({
    ...commonEnvShape,
    ...linkedUsersEnvShape,
    /** Health, readiness and metrics. */
    COMMAND_HANDLER_PORT: port(3001),
    COMMAND_HANDLER_CONCURRENCY: positiveInt(20),
    /** How often a ChatOps `run` job is checked for completion. */
    CHATOPS_POLL_INTERVAL_MS: positiveInt(5000),
  })
  .superRefine(gitlabOAuthComplete)
  .superRefine(redisClusterRule);

export type CommandHandlerEnv = z.output<typeof commandHandlerEnvSchema>;
