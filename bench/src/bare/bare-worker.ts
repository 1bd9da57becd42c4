import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { LogLevel, WebClient } from '@slack/web-api';
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { requiredEnv as env } from '../lib/child-env';

/**
 * The cpu-per-event scenario's yardstick for the notifier: the least a worker can do to turn a
 * queued webhook into a chat message and a record of it. One BullMQ Worker on the `events` queue
 * the bare route fills; per job: the payload as it arrives (JSON.parse only when it is a string),
 * one INSERT of a Delivery row, one chat.postMessage. No routing, rendering, settings lookup,
 * pacing, retries, metrics, tracing or logging.
 * Env: REDIS_URL, QUEUE_PREFIX, DATABASE_URL, SLACK_API_URL, SLACK_TOKEN, CHANNEL,
 * INTEGRATION_ID (an Integration row the Delivery's foreign key needs: the scenario seeds it),
 * CONCURRENCY, PORT (health only).
 */

const token = env('SLACK_TOKEN');
const channel = env('CHANNEL');
const integrationId = env('INTEGRATION_ID');
// The notifier's pool size (DATABASE_POOL_SIZE's default), so neither side gets more connections.
const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 10 });
// As chatops builds its client (packages/chat's slackWebClient): one per process, the token with
// each call, no retries or rate-limit waits of its own, so both sides make exactly one HTTP call.
const slackApiUrl = env('SLACK_API_URL');
const slack = new WebClient(undefined, {
  slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/`,
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 10_000,
  logLevel: LogLevel.ERROR,
});

interface BareJob {
  endpointId: string;
  eventName?: string;
  eventKey: string;
  payload: unknown;
}

/**
 * Claimed before the post, as chatops plans a delivery already claimed before posting it, so the
 * latency of both sides includes one write before the message; a named statement, parsed and
 * planned once per connection (the cheapest way node-postgres has to send it).
 */
const INSERT_DELIVERY = {
  name: 'bare-insert-delivery',
  text: `INSERT INTO "Delivery" ("id", "integrationId", "endpointId", "eventKey", "eventKind", "channel", "status", "body", "attempts", "claimedAt")
         VALUES ($1, $2, $3, $4, 'merge_request', $5, 'sending', $6, 1, now())`,
};

async function deliver(job: Job<BareJob>): Promise<void> {
  const { payload, endpointId, eventKey } = job.data;
  // The bare route queues the parsed body, which BullMQ hands back parsed; a producer that queued
  // the raw text would need this one parse.
  const event = (typeof payload === 'string' ? JSON.parse(payload) : payload) as {
    object_attributes?: { title?: string };
  };
  // The title carries the bench's event key: the fake Slack counts arrivals by it.
  const message = { channel, text: event.object_attributes?.title ?? eventKey };
  await pool.query({
    ...INSERT_DELIVERY,
    values: [randomUUID(), integrationId, endpointId, eventKey, channel, message],
  });
  await slack.chat.postMessage({ token, ...message });
}

const connection = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
const worker = new Worker<BareJob>('events', deliver, {
  connection,
  prefix: env('QUEUE_PREFIX'),
  // BENCH_DELIVERY_CONCURRENCY, which the bench gives the notifier's routing worker too (50, its
  // default): the same number of events in flight on both sides.
  concurrency: Number(env('CONCURRENCY')),
  // chatops deletes a completed notification job at once (packages/jobs' catalog): so does this.
  removeOnComplete: { count: 0 },
  removeOnFail: { count: 1000 },
});
worker.on('error', (error) => console.error(error));

let ready = false;
const health = createServer((request, response) => {
  response.statusCode = request.url === '/healthz' && ready ? 200 : 404;
  response.end();
});
health.listen(Number(env('PORT')), '127.0.0.1');
void Promise.all([worker.waitUntilReady(), pool.query('SELECT 1')]).then(
  () => (ready = true),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

const stop = () => {
  void worker
    .close()
    .then(() => pool.end())
    .finally(() => {
      health.close();
      connection.disconnect();
      process.exit(0);
    });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
