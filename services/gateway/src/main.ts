import { ConfigError, loadConfig } from '@chatops/config';
import { createLogger, startTracing } from '@chatops/observability';
import { onShutdown } from '@chatops/runtime';
import { buildGateway, createGatewayDeps } from './app';
import { gatewayEnvSchema } from './env';

async function main(): Promise<void> {
  const env = loadConfig(gatewayEnvSchema, process.env);
  const tracing = startTracing('chatops-gateway', process.env);
  const logger = createLogger({ service: 'gateway', level: env.LOG_LEVEL });
  const app = await buildGateway(createGatewayDeps(env, logger));
  onShutdown(logger, async () => {
    await app.close();
    await tracing?.shutdown();
  });
  const address = await app.listen({ host: env.HOST, port: env.GATEWAY_PORT });
  logger.info({ address }, 'gateway listening');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
