import { type ChatDestination, MattermostSlashCommands } from '@chatops/chat';
import { SecretBox } from '@chatops/db';
import { createProducerConnection, JobQueues } from '@chatops/jobs';
import { createLogger, createMetricsRegistry } from '@chatops/observability';
import { OutboundGuard, OutboundPolicy } from '@chatops/outbound';
import { createHttpServer } from '@chatops/runtime';
import { cachedSlackAppConfig, loadSlackAppConfig, type SlackAppEnv } from '@chatops/slack-app';
import { adminApi } from '../../services/gateway/src/admin/admin-api';
import { type AdminApiOptions } from '../../services/gateway/src/admin/options';
import { createTestDatabase, type TestDatabase } from './database';
import { TEST_ENCRYPTION_KEY, testInfra } from './infra';
import { deletePrefix, uniquePrefix } from './redis';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
export const PUBLIC_URL = 'https://chatops.example.com';

/** A sender for tests that must not post anything. */
const noSends: ChatDestination = {
  post: () => Promise.reject(new Error('this test does not expect chat posts')),
};

type App = Awaited<ReturnType<typeof createHttpServer>>;

/** What a test reads of an injected response (light-my-request's, which test/support cannot import). */
export interface InjectedResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON bodies loosely, like light-my-request's own json()
  json<T = any>(): T;
}

export interface AdminHarness {
  app: App;
  database: TestDatabase;
  box: SecretBox;
  queues: JobQueues;
  /** Every route registered on the server, as fastify's onRoute saw it. */
  routes: Array<{ url: string; method: string | string[] }>;
  /** An authenticated JSON request (token: null sends no Authorization header), with any other headers given. */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options?: { body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<InjectedResponse>;
  close(): Promise<void>;
}

/**
 * The admin API on the gateway's HTTP server (same error model and hooks as `buildGateway`), over
 * a database of its own and a queue prefix of its own, posting through the given senders. Webhook
 * URLs, and the Mattermost servers commands are set up on, are checked against `outbound`: by
 * default, as in production, no internal target allowed.
 */
export async function startAdminApi(
  options: {
    senders?: ChatDestination;
    outbound?: OutboundPolicy;
    unlinkIdentity?: AdminApiOptions['unlinkIdentity'];
    /** The gateway's SLACK_* variables, which override the stored Slack app settings. */
    slackAppEnv?: SlackAppEnv;
    /** Slack's Web API (a fake's `${url}/api`); leads nowhere by default. */
    slackApiUrl?: string;
  } = {},
): Promise<AdminHarness> {
  const database = await createTestDatabase();
  const prefix = uniquePrefix('admin');
  const redis = createProducerConnection(testInfra().redisUrl);
  redis.on('error', () => undefined);
  const queues = new JobQueues(redis, prefix);
  const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
  const app = await createHttpServer({
    logger: createLogger({ service: 'admin-test', level: 'silent' }),
    registry: createMetricsRegistry('admin-test'),
    checks: [],
  });
  const routes: AdminHarness['routes'] = [];
  const guard = new OutboundGuard(options.outbound ?? OutboundPolicy.strict());
  app.addHook('onRoute', (route) => void routes.push(route));
  await app.register(adminApi, {
    db: database.db,
    box,
    queues,
    senders: options.senders ?? noSends,
    outbound: options.outbound ?? OutboundPolicy.strict(),
    mattermost: new MattermostSlashCommands({ outbound: guard, timeoutMs: 5000 }),
    adminToken: ADMIN_TOKEN,
    publicUrl: PUBLIC_URL,
    slackApiUrl: options.slackApiUrl ?? 'http://127.0.0.1:1/api',
    // No cache: a test sees each change it makes to the database at once.
    slackApp: cachedSlackAppConfig(() => loadSlackAppConfig(database.db, box, options.slackAppEnv ?? {}), { ttlMs: 0 }),
    ...(options.unlinkIdentity ? { unlinkIdentity: options.unlinkIdentity } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    box,
    queues,
    routes,
    call(method, url, { body, token = ADMIN_TOKEN, headers = {} } = {}) {
      return app.inject({
        method,
        url,
        headers: {
          ...headers,
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    },
    async close() {
      await app.close();
      await guard.close();
      await queues.close();
      redis.disconnect();
      await deletePrefix(prefix);
      await database.drop();
    },
  };
}
