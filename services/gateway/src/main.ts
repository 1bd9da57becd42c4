import { runService } from '@chatops/runtime';
import { buildGateway, createGatewayDeps } from './app';
import { gatewayEnvSchema } from './env';

runService({
  service: 'gateway',
  envSchema: gatewayEnvSchema,
  async start(env, logger) {
    const { app, ops } = await buildGateway(createGatewayDeps(env, logger));
    const address = await app.listen({ host: env.HOST, port: env.GATEWAY_PORT });
    const opsAddress = await ops.listen({ host: env.HOST, port: env.GATEWAY_OPS_PORT });
    return { address: `${address} (ops: ${opsAddress})`, close: () => app.close() };
  },
});
