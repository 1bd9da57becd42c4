import { ConfigError, loadConfig } from '@chatops/config';
import { createLogger, startTracing } from '@chatops/observability';
import { onShutdown } from '@chatops/runtime';
import { buildNotifier } from './app';
import { notifierEnvSchema } from './env';

async function main(): Promise<void> {
  const env = loadConfig(notifierEnvSchema, process.env);
  const tracing = startTracing('chatops-notifier', process.env);
  const logger = createLogger({ service: 'notifier', level: env.LOG_LEVEL });
  const notifier = await buildNotifier(env, logger);
  onShutdown(logger, async () => {
    await notifier.close();
    await tracing?.shutdown();
  });
  const address = await notifier.http.listen({ host: env.HOST, port: env.NOTIFIER_PORT });
  logger.info({ address }, 'notifier listening');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
