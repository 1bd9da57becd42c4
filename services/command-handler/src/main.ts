import { ConfigError, loadConfig } from '@chatops/config';
import { createLogger, startTracing } from '@chatops/observability';
import { onShutdown } from '@chatops/runtime';
import { buildCommandHandler } from './app';
import { commandHandlerEnvSchema } from './env';

async function main(): Promise<void> {
  const env = loadConfig(commandHandlerEnvSchema, process.env);
  const tracing = startTracing('chatops-command-handler', process.env);
  const logger = createLogger({ service: 'command-handler', level: env.LOG_LEVEL });
  const service = await buildCommandHandler(env, logger);
  onShutdown(logger, async () => {
    await service.close();
    await tracing?.shutdown();
  });
  const address = await service.http.listen({ host: env.HOST, port: env.COMMAND_HANDLER_PORT });
  logger.info({ address }, 'command-handler listening');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
