import { runService } from '@chatops/runtime';
import { buildCommandHandler } from './app';
import { commandHandlerEnvSchema } from './env';

runService({
  service: 'command-handler',
  envSchema: commandHandlerEnvSchema,
  async start(env, logger) {
    const service = await buildCommandHandler(env, logger);
    const address = await service.http.listen({ host: env.HOST, port: env.COMMAND_HANDLER_PORT });
    return { address, close: () => service.close() };
  },
});
