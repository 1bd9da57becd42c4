import { runService } from '@chatops/runtime';
import { buildGateway, createGatewayDeps } from './app';
import { gatewayEnvSchema } from './env';

runService({
  service: 'gateway',
  envSchema: gatewayEnvSchema,
  async start(env, logger) {
    const app = await buildGateway(createGatewayDeps(env, logger));
    const address = await app.listen({ host: env.HOST, port: env.GATEWAY_PORT });
    return { address, close: () => app.close() };
  },
});
