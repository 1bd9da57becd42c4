import { ConfigError, loadConfig } from '@chatops/config';
import { createLogger, startTracing } from '@chatops/observability';
import { onShutdown } from '@chatops/runtime';
import { buildIncident } from './app';
import { incidentEnvSchema } from './env';

async function main(): Promise<void> {
  const env = loadConfig(incidentEnvSchema, process.env);
  const tracing = startTracing('chatops-incident', process.env);
  const logger = createLogger({ service: 'incident', level: env.LOG_LEVEL });
  const service = await buildIncident(env, logger);
  onShutdown(logger, async () => {
    await service.close();
    await tracing?.shutdown();
  });
  const address = await service.http.listen({ host: env.HOST, port: env.INCIDENT_PORT });
  logger.info({ address }, 'incident listening');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
