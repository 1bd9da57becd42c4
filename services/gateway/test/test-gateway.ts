import { loadConfig, type EnvSource } from '@chatops/config';
import pino from 'pino';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { createGatewayDeps, type GatewayDeps } from '../src/app';
import { gatewayEnvSchema } from '../src/env';

/**
 * The gateway's dependencies built as main.ts builds them (createGatewayDeps), for tests that run
 * `buildGateway` in-process. `vars` is the environment of the test (DATABASE_URL and QUEUE_PREFIX
 * at least); the test Redis, the test encryption key, an admin token and loopback as an allowed
 * outbound target are defaults it may override. Logging is silent; `now` moves the clock of signature windows.
 */
export function testGatewayDeps(vars: EnvSource, { now }: { now?: () => number } = {}): GatewayDeps {
  const env = loadConfig(gatewayEnvSchema, {
    REDIS_URL: testInfra().redisUrl,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ADMIN_TOKEN: 'a'.repeat(32),
    // The fake Slack and Mattermost listen on loopback, which chatops refuses as a target by default.
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    ...vars,
  });
  return { ...createGatewayDeps(env, pino({ level: 'silent' })), ...(now ? { now } : {}) };
}
