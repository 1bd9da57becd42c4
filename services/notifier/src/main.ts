import { runService } from '@chatops/runtime';
import { buildNotifier } from './app';
import { notifierEnvSchema } from './env';

runService({
  service: 'notifier',
  envSchema: notifierEnvSchema,
  async start(env, logger) {
    const notifier = await buildNotifier(env, logger);
    const address = await notifier.http.listen({ host: env.HOST, port: env.NOTIFIER_PORT });
    return { address, close: () => notifier.close() };
  },
});
