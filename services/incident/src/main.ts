import { runService } from '@chatops/runtime';
import { buildIncident } from './app';
import { incidentEnvSchema } from './env';

runService({
  service: 'incident',
  envSchema: incidentEnvSchema,
  async start(env, logger) {
    const service = await buildIncident(env, logger);
    const address = await service.http.listen({ host: env.HOST, port: env.INCIDENT_PORT });
    return { address, close: () => service.close() };
  },
});
