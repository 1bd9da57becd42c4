import { commonEnvShape, port, positiveInt } from '@chatops/config';
import { z } from 'zod';

export const commandHandlerEnvSchema = z.object({
  ...commonEnvShape,
  /** Health, readiness and metrics. */
  COMMAND_HANDLER_PORT: port(3001),
  COMMAND_HANDLER_CONCURRENCY: positiveInt(20),
});

export type CommandHandlerEnv = z.output<typeof commandHandlerEnvSchema>;
