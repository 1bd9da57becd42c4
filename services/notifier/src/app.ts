import { GitLabClient } from '@chatops/gitlab';
import { ChatSenders } from '@chatops/chat';
import { findIntegrationWithDestination, integrationsForEndpoint, SecretBox } from '@chatops/db';
import { defineWorker, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { OutboundGuard } from '@chatops/outbound';
import { createWorkerRuntime, TtlCache, WATCHED_CONFIG_CACHE, watchConfiguration } from '@chatops/runtime';
import { type Worker } from 'bullmq';
import { type FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { deliveryAttempts } from './delivery/attempt-delivery';
import { ChannelRateLimiter } from './delivery/channel-rate-limiter';
import { DeliverySweeper } from './delivery/delivery-sweeper';
import { UnrecordedPosts } from './delivery/unrecorded-posts';
import { PipelineEnricher } from './enrichment/pipeline-enricher';
import { type NotifierEnv } from './env';
import { deliverHandler } from './handlers/deliver';
import { incidentChannelLoader } from './handlers/incident-channel';
import { routeEventHandler } from './handlers/route-event';

/** How long a chat post may take before it counts as failed (and its outcome as unknown). */
const POST_TIMEOUT_MS = 10_000;

export interface Notifier {
  http: FastifyInstance;
  workers: Worker[];
  close(): Promise<void>;
}

/** The composition root: the notifier's clients, its two workers and its ops server. */
export async function buildNotifier(env: NotifierEnv, logger: Logger): Promise<Notifier> {
  const runtime = createWorkerRuntime('notifier', env, logger);
  const { db, sql, queues } = runtime;
  const workerOptions = { ...runtime.workerOptions, lockDurationMs: env.NOTIFIER_JOB_LOCK_MS };
  const box = new SecretBox(env.ENCRYPTION_KEY, env.ENCRYPTION_KEYS_PREVIOUS);
  // Routing configuration is read from memory; a change made anywhere empties these caches
  // (watchConfiguration). Incidents are not watched: their channels expire within 5 s.
  const endpointIntegrations = new TtlCache(
    (endpointId) => integrationsForEndpoint(db, endpointId),
    WATCHED_CONFIG_CACHE,
  );
  const integrations = new TtlCache((id) => findIntegrationWithDestination(db, id), WATCHED_CONFIG_CACHE);
  const incidentChannels = new TtlCache(incidentChannelLoader(db), { ...WATCHED_CONFIG_CACHE, ttlMs: 5000 });
  const configWatch = watchConfiguration(sql, logger, [endpointIntegrations, integrations]);
  const pipelines = new PipelineEnricher({
    box,
    logger,
    gitlab: env.GITLAB_URL ? new GitLabClient({ url: env.GITLAB_URL, timeoutMs: 3000 }) : null,
    timeoutMs: 3000,
    ttlMs: 5 * 60_000,
  });
  const pace = new ChannelRateLimiter(runtime.redis, env.QUEUE_PREFIX, {
    perSecond: env.NOTIFIER_CHANNEL_RATE_PER_SECOND,
    burst: env.NOTIFIER_CHANNEL_BURST,
  });
  // Webhook URLs and Mattermost servers are users' input: every connection to them is checked.
  const outbound = new OutboundGuard(env.OUTBOUND_ALLOWED_HOSTS);
  const senders = new ChatSenders({ slackApiUrl: env.SLACK_API_URL, timeoutMs: POST_TIMEOUT_MS, outbound });
  const possibleDuplicates = new Counter({
    name: 'chatops_delivery_possible_duplicates_total',
    help: 'Deliveries posted again because an earlier try ended without recording its outcome',
    registers: [runtime.registry],
  });

  const unrecorded = new UnrecordedPosts(runtime.redis, env.QUEUE_PREFIX);
  // A claim outlives any live try: a job's lock, then a post's whole timeout. See docs/delivery.md#claims.
  const takeOverAfterMs = env.NOTIFIER_JOB_LOCK_MS + POST_TIMEOUT_MS;
  const { attempt, postClaimed } = deliveryAttempts({
    db,
    sql,
    box,
    senders,
    integrations,
    possibleDuplicates,
    unrecorded,
    takeOverAfterMs,
  });

  const works = (queue: QueueName) => env.NOTIFIER_QUEUES.some((name) => name === queue);
  const workers: Worker[] = [];
  if (works(QueueName.Events)) {
    // A process that posts anyway makes each delivery's first try from the routing job; one that
    // only routes leaves all posting to the deliveries processes.
    const postNow = works(QueueName.Deliveries) ? { postClaimed, pace } : undefined;
    const skipped = new Counter({
      name: 'chatops_routing_skipped_total',
      help: 'Channels or integrations an event was not sent to, by reason (see the delivery log)',
      labelNames: ['reason'] as const,
      registers: [runtime.registry],
    });
    const handler = routeEventHandler({
      db,
      sql,
      skipped,
      queues,
      pipelines,
      integrations: endpointIntegrations,
      incidentChannels,
      ...(postNow ? { postNow } : {}),
    });
    workers.push(
      defineWorker(QueueName.Events, handler, { ...workerOptions, concurrency: env.NOTIFIER_EVENT_CONCURRENCY }),
    );
  }
  let sweeper: DeliverySweeper | undefined;
  if (works(QueueName.Deliveries)) {
    workers.push(
      defineWorker(QueueName.Deliveries, deliverHandler({ sql, integrations, attempt, pace }), {
        ...workerOptions,
        concurrency: env.NOTIFIER_DELIVERY_CONCURRENCY,
      }),
    );
    const swept = new Counter({
      name: 'chatops_deliveries_swept_total',
      help: 'Orphaned deliveries the sweeper sent back to the deliveries queue',
      registers: [runtime.registry],
    });
    const pruned = new Counter({
      name: 'chatops_deliveries_pruned_total',
      help: 'Finished deliveries deleted for being older than DELIVERY_RETENTION_DAYS',
      registers: [runtime.registry],
    });
    sweeper = new DeliverySweeper(
      { sql, queues, redis: runtime.redis, prefix: env.QUEUE_PREFIX, logger, swept, pruned },
      {
        intervalMs: env.NOTIFIER_SWEEP_INTERVAL_MS,
        staleAfterMs: env.NOTIFIER_SWEEP_STALE_AFTER_MS,
        batch: 500,
        retentionMs: env.DELIVERY_RETENTION_DAYS * 24 * 3_600_000,
      },
    );
    sweeper.start();
  }
  const http = await runtime.createOpsServer();
  return {
    http,
    workers,
    close: async () => {
      configWatch.stop();
      await sweeper?.stop();
      await runtime.close(workers, http);
      await outbound.close();
    },
  };
}
