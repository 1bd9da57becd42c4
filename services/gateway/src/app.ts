import {
  ChatSenders,
  formStateKey,
  FormSessions,
  MattermostSlashCommands,
  ResponseUrlReplier,
  SlackAppClient,
} from '@chatops/chat';
import {
  createDatabase,
  type Db,
  findEndpointForIngest,
  findMattermostCommandByTokenHash,
  SecretBox,
  type SqlPool,
  touchEndpointLastEvent,
} from '@chatops/db';
import { GitLabClient } from '@chatops/gitlab';
import { CONSOLE_CALLBACK_PATH, consolePlugin, inProcessAdminClient } from '@chatops/console';
import { GitLabOAuth, gitlabLinkingFromEnv, LinkRequests, UserTokens } from '@chatops/identity';
import { createProducerConnection, INCIDENT_FORM_SESSIONS, JobQueues, type RedisConnection } from '@chatops/jobs';
import { createMetricsRegistry, type Logger } from '@chatops/observability';
import { OutboundGuard } from '@chatops/outbound';
import {
  createHttpServer,
  databaseCheck,
  redisCheck,
  type TokenBucketLimit,
  TokenBuckets,
  TokenLeases,
  TtlCache,
  WATCHED_CONFIG_CACHE,
  watchConfiguration,
} from '@chatops/runtime';
import { cachedSlackAppConfig, loadSlackAppConfig } from '@chatops/slack-app';
import { hkdfSync } from 'node:crypto';
import { type FastifyInstance } from 'fastify';
import { type GatewayEnv } from './env';
import { adminApi } from './admin/admin-api';
import { accountLinkingRoutes } from './routes/account-linking';
import { assetRoutes } from './routes/assets';
import { EndpointActivity } from './routes/endpoint-activity';
import { mattermostInteractivityRoutes } from './routes/interactivity/mattermost-interactivity';
import { slackInteractivityRoutes } from './routes/interactivity/slack-interactivity';
import { gitlabHooksRoutes, type IngestEndpoint } from './routes/gitlab-hooks';
import { GatewayRateLimits } from './routes/rate-limits';
import { createSlashAcknowledger } from './routes/slash-commands/acknowledge';
import { mattermostCommandRoutes } from './routes/slash-commands/mattermost-commands';
import { slackCommandRoutes } from './routes/slash-commands/slack-commands';
import { slackInstallRoutes } from './routes/slack-install/slack-install';
import { slackEventsRoutes } from './routes/slack-events/slack-events';

/** How long a gateway replica may act on Slack app settings changed elsewhere. */
const SLACK_APP_CACHE_MS = 3000;

/**
 * How long a webhook endpoint stays usable from the gateway's memory when PostgreSQL cannot be
 * asked: long enough to ride out a database failover or restart, short enough that a secret
 * rotated or an endpoint disabled just before an outage does not outlive it by much.
 */
const ENDPOINT_STALE_IF_ERROR_MS = 15 * 60_000;

/**
 * Rate-limit tokens are taken ahead, up to 32 at a time, and kept a quarter of a second: a
 * replica holds at most 32 of an endpoint's or team's tokens (the bursts are 100 and more by
 * default), and at 128/s or more a busy endpoint is down to one Redis round trip per 32 webhooks.
 */
const RATE_LIMIT_LEASES = { leaseMs: 250, maxLease: 32 };

export interface GatewayDeps {
  env: GatewayEnv;
  logger: Logger;
  db: Db;
  /** The raw pool under `db` (one pool for both): statements that need not load Prisma. */
  sql: SqlPool;
  redis: RedisConnection;
  queues: JobQueues;
  /** The clock for signature windows (tests move it); Date.now by default. */
  now?: () => number;
}

/** The composition root: the only place the gateway's clients are constructed. */
export function createGatewayDeps(env: GatewayEnv, logger: Logger): GatewayDeps {
  const { db, sql } = createDatabase(env.DATABASE_URL, {
    poolSize: env.DATABASE_POOL_SIZE,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    onIdleClientError: (error) => logger.warn({ err: error }, 'idle database connection error'),
  });
  const redis = createProducerConnection(env.REDIS_URL, { cluster: env.REDIS_CLUSTER });
  // Reconnection is automatic; a listener keeps ioredis from reporting each failure as unhandled.
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  return { env, logger, db, sql, redis, queues: new JobQueues(redis, env.QUEUE_PREFIX, logger) };
}

/** The gateway's two HTTP servers; closing `app` closes `ops` too. */
export interface GatewayServers {
  /** Public (GATEWAY_PORT): webhooks, slash commands, account linking, admin API, /healthz and /readyz. */
  app: FastifyInstance;
  /** In-cluster only (GATEWAY_OPS_PORT): /healthz, /readyz with error details, and /metrics. */
  ops: FastifyInstance;
}

export async function buildGateway(deps: GatewayDeps): Promise<GatewayServers> {
  const now = deps.now ?? Date.now;
  const registry = createMetricsRegistry('gateway');
  // Webhooks from known endpoints are accepted without PostgreSQL (ENDPOINT_STALE_IF_ERROR_MS), so
  // a database outage leaves the gateway ready, reporting `degraded`; without Redis it accepts nothing.
  const checks = [redisCheck(deps.redis), { ...databaseCheck(deps.sql), required: false }];
  // Load balancers and probes may only reach the public port, so it keeps /healthz and /readyz
  // (without the checks' errors); /metrics is served on the ops port only.
  const app = await createHttpServer({
    logger: deps.logger,
    registry,
    checks,
    bodyLimit: deps.env.GATEWAY_BODY_LIMIT_BYTES,
    opsRoutes: 'probes',
  });
  // Probes and scrapes are not timed: the histogram is the public server's.
  const ops = await createHttpServer({ logger: deps.logger, registry, checks, httpMetrics: false });

  const box = new SecretBox(deps.env.ENCRYPTION_KEY, deps.env.ENCRYPTION_KEYS_PREVIOUS);
  // Signing secrets are unsealed once per cache load, not on every signed request.
  const endpoints = new TtlCache(
    async (id): Promise<IngestEndpoint | null> => {
      const endpoint = await findEndpointForIngest(deps.db, id);
      return (
        endpoint && {
          ...endpoint,
          signingSecret: endpoint.signingSecretSealed ? box.open(endpoint.signingSecretSealed) : null,
        }
      );
    },
    // While PostgreSQL is down, endpoints seen in the last ENDPOINT_STALE_IF_ERROR_MS keep being
    // accepted from memory: GitLab does not resend a refused webhook, and disables a hook that
    // keeps failing. See docs/operations.md#faults-under-load.
    { ...WATCHED_CONFIG_CACHE, staleIfErrorMs: ENDPOINT_STALE_IF_ERROR_MS, now },
  );
  // Request budgets per webhook endpoint and per chat team (docs/operations.md#rate-limits-at-the-gateway).
  // Taken in leases: a busy endpoint makes one Redis round trip per lease, not one per webhook.
  const leased = (limit: TokenBucketLimit) =>
    new TokenLeases(new TokenBuckets(deps.redis, limit), { ...RATE_LIMIT_LEASES, now });
  const rateLimits = new GatewayRateLimits({
    endpoints: leased({
      perSecond: deps.env.GATEWAY_ENDPOINT_RATE_PER_SECOND,
      burst: deps.env.GATEWAY_ENDPOINT_BURST,
    }),
    teams: leased({ perSecond: deps.env.GATEWAY_TEAM_RATE_PER_SECOND, burst: deps.env.GATEWAY_TEAM_BURST }),
    prefix: deps.env.QUEUE_PREFIX,
    registry,
    whenConnected: () => deps.queues.whenConnected('take a rate-limit token'),
  });
  const activityIntervalMs = 60_000;
  const activity = new EndpointActivity({
    intervalMs: activityIntervalMs,
    now,
    write: (id, at) => touchEndpointLastEvent(deps.db, id, at, activityIntervalMs),
    onError: (error, endpointId) => deps.logger.warn({ err: error, endpointId }, 'could not record lastEventAt'),
  });
  await app.register(gitlabHooksRoutes, {
    endpoints,
    activity,
    now,
    queues: deps.queues,
    registry,
    bodyLimit: deps.env.GATEWAY_BODY_LIMIT_BYTES,
    dedupeTtlMs: deps.env.WEBHOOK_DEDUPE_TTL_SECONDS * 1000,
    rateLimits,
  });

  await app.register(assetRoutes);

  // The Slack app's credentials and switch, environment over database, read at most every few
  // seconds: a change saved through the admin API or the CLI applies without a restart.
  const slackApp = cachedSlackAppConfig(() => loadSlackAppConfig(deps.db, box, deps.env), {
    ttlMs: SLACK_APP_CACHE_MS,
  });

  const acknowledger = createSlashAcknowledger({ queues: deps.queues, registry, rateLimits });
  await app.register(slackCommandRoutes, {
    acknowledger,
    slackApp,
    now,
    responseUrlOrigins: deps.env.SLACK_RESPONSE_URL_ORIGINS,
  });
  const commandsByTokenHash = new TtlCache(
    (tokenHash) => findMattermostCommandByTokenHash(deps.db, tokenHash),
    WATCHED_CONFIG_CACHE,
  );
  // Endpoints and Mattermost commands are read from memory; a change made anywhere empties both.
  const configWatch = watchConfiguration(deps.sql, deps.logger, [endpoints, commandsByTokenHash]);
  await app.register(mattermostCommandRoutes, {
    acknowledger,
    commandsByTokenHash,
    responseUrlOrigins: deps.env.MATTERMOST_RESPONSE_URL_ORIGINS,
  });

  await app.register(slackInteractivityRoutes, {
    queues: deps.queues,
    forms: new FormSessions<{ userId: string }>(deps.redis, deps.env.QUEUE_PREFIX, INCIDENT_FORM_SESSIONS),
    slackApp,
    now,
    registry,
    rateLimits,
  });
  await app.register(mattermostInteractivityRoutes, {
    queues: deps.queues,
    formStateKey: formStateKey(deps.env.ENCRYPTION_KEY),
    now,
    rateLimits,
  });

  await app.register(slackInstallRoutes, {
    db: deps.db,
    box,
    redis: deps.redis,
    keyPrefix: deps.env.QUEUE_PREFIX,
    slackApp,
    publicUrl: deps.env.PUBLIC_URL,
    slackApiUrl: deps.env.SLACK_API_URL,
    authorizeUrl: deps.env.SLACK_OAUTH_AUTHORIZE_URL,
  });

  const linking = gitlabLinkingFromEnv(deps.env);
  const userTokens = linking ? new UserTokens(deps.db, box, linking.oauth) : null;
  await app.register(slackEventsRoutes, {
    db: deps.db,
    slackApp,
    now,
    registry,
    appHome: {
      db: deps.db,
      box,
      slack: new SlackAppClient({ slackApiUrl: deps.env.SLACK_API_URL }),
      links: linking ? new LinkRequests(deps.redis, deps.env.QUEUE_PREFIX) : null,
      publicUrl: deps.env.PUBLIC_URL,
      // GitLab's help pages and profiles; gitlab.com's when the GitLab instance is not configured.
      gitlabUrl: deps.env.GITLAB_URL ?? 'https://gitlab.com',
    },
  });
  if (linking) {
    await app.register(accountLinkingRoutes, {
      db: deps.db,
      box,
      oauth: linking.oauth,
      gitlab: new GitLabClient({ url: linking.gitlabUrl }),
      links: new LinkRequests(deps.redis, deps.env.QUEUE_PREFIX),
      replier: new ResponseUrlReplier(),
    });
  }

  // Webhook URLs and Mattermost servers are users' input: "Test settings" posts through the guard.
  const outbound = new OutboundGuard(deps.env.OUTBOUND_ALLOWED_HOSTS);
  await app.register(adminApi, {
    db: deps.db,
    box,
    queues: deps.queues,
    senders: new ChatSenders({ slackApiUrl: deps.env.SLACK_API_URL, outbound }),
    outbound: deps.env.OUTBOUND_ALLOWED_HOSTS,
    mattermost: new MattermostSlashCommands({ outbound }),
    adminToken: deps.env.ADMIN_TOKEN,
    publicUrl: deps.env.PUBLIC_URL,
    slackApiUrl: deps.env.SLACK_API_URL,
    slackApp,
    ...(userTokens ? { unlinkIdentity: (id: string) => userTokens.unlink(id) } : {}),
  });

  // The operator console signs in through the same GitLab OAuth application, so it exists only
  // where account linking is configured; it drives the admin API above, in process.
  if (linking) {
    await app.register(consolePlugin, {
      admin: inProcessAdminClient(app, deps.env.ADMIN_TOKEN),
      gitlab: new GitLabClient({ url: linking.gitlabUrl }),
      oauth: new GitLabOAuth({
        gitlabUrl: linking.gitlabUrl,
        clientId: deps.env.GITLAB_OAUTH_CLIENT_ID ?? '',
        clientSecret: deps.env.GITLAB_OAUTH_CLIENT_SECRET ?? '',
        redirectUri: `${deps.env.PUBLIC_URL}${CONSOLE_CALLBACK_PATH}`,
      }),
      // Its own key, derived: a console cookie can never be opened as any other sealed value.
      sessionKey: Buffer.from(hkdfSync('sha256', deps.env.ENCRYPTION_KEY, '', 'chatops console session', 32)),
      sessionTtlSeconds: deps.env.CONSOLE_SESSION_TTL_SECONDS,
      consoleAdmins: deps.env.CONSOLE_ADMINS,
      publicUrl: deps.env.PUBLIC_URL,
      now,
    });
  }

  app.addHook('onClose', async () => {
    configWatch.stop();
    await ops.close();
    await activity.flush();
    await outbound.close();
    await deps.queues.close();
    deps.redis.disconnect();
    await deps.db.$disconnect();
    await deps.sql.end();
  });
  return { app, ops };
}
