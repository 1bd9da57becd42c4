import { ConfigError, describeSettings, loadConfig, settingNames } from '@chatops/config';
import { createLogger, type Logger, startTracing } from '@chatops/observability';
import { type z } from 'zod';
import { onShutdown } from './shutdown';

export interface StartedService {
  /** Where the service listens (for the log line). */
  address: string;
  close(): Promise<void>;
}

/**
 * The whole life of a service process: validate the environment (exit 1 naming every bad
 * variable), log the settings it runs with (credentials hidden), start tracing if configured,
 * build and start the service, and close it on SIGTERM.
 * Each service's main.ts is one call to this.
 */
export function runService<S extends z.ZodType<{ LOG_LEVEL: string }>>(options: {
  service: string;
  envSchema: S;
  start(env: z.output<S>, logger: Logger): Promise<StartedService>;
}): void {
  const run = async () => {
    const env = loadConfig(options.envSchema, process.env);
    const tracing = await startTracing(`chatops-${options.service}`, process.env);
    const logger = createLogger({ service: options.service, level: env.LOG_LEVEL });
    // Defaults included, so an operator sees which Slack, GitLab and public URL this process uses.
    const settings = describeSettings(env as Record<string, unknown>, settingNames(options.envSchema));
    logger.info({ settings }, `${options.service} settings`);
    const started = await options.start(env, logger);
    onShutdown(logger, async () => {
      await started.close();
      await tracing?.shutdown();
    });
    logger.info({ address: started.address }, `${options.service} listening`);
  };
  run().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
