import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { verifyWebhookSignature } from '@chatops/gitlab';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { requiredEnv as env } from '../lib/child-env';

/**
 * The ingest scenario's yardstick: the least a webhook route can do. fastify + BullMQ, no
 * framework of ours: token check (SHA-256, constant time), the webhook signature over the raw
 * body, JSON parse, `queue.add`, 202. No dedupe, schema validation, tracing, metrics or logging.
 * Env: REDIS_URL, QUEUE_PREFIX, PORT, TOKEN_SHA256 (hex), SIGNING_SECRET.
 */

const tokenHash = Buffer.from(env('TOKEN_SHA256'), 'hex');
const signingSecret = env('SIGNING_SECRET');
const connection = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: 1, enableOfflineQueue: false });
const queue = new Queue('events', { connection, prefix: env('QUEUE_PREFIX') });

const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
  try {
    (request as unknown as { rawBody: Buffer }).rawBody = body as Buffer;
    done(null, JSON.parse((body as Buffer).toString('utf8')));
  } catch (error) {
    done(error as Error);
  }
});

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

app.post<{ Params: { endpointId: string } }>('/hooks/gitlab/:endpointId', async (request, reply) => {
  const token = header(request.headers['x-gitlab-token']) ?? '';
  const presented = createHash('sha256').update(token, 'utf8').digest();
  if (!timingSafeEqual(presented, tokenHash)) return reply.code(401).send({ error: 'invalid_token' });
  const check = verifyWebhookSignature(
    signingSecret,
    {
      id: header(request.headers['webhook-id']),
      timestamp: header(request.headers['webhook-timestamp']),
      signature: header(request.headers['webhook-signature']),
      body: (request as unknown as { rawBody: Buffer }).rawBody,
    },
    Math.floor(Date.now() / 1000),
  );
  if (check !== 'valid') return reply.code(401).send({ error: 'invalid_signature' });
  const eventKey = header(request.headers['idempotency-key']) ?? randomUUID();
  await queue.add(
    'events',
    {
      endpointId: request.params.endpointId,
      eventName: header(request.headers['x-gitlab-event']),
      eventKey,
      payload: request.body,
    },
    { jobId: randomUUID() },
  );
  return reply.code(202).send({ status: 'accepted', eventKey });
});
app.get('/healthz', async () => ({ status: 'ok' }));

app.listen({ host: '127.0.0.1', port: Number(env('PORT')) }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
const stop = () => {
  void app
    .close()
    .then(() => queue.close())
    .finally(() => {
      connection.disconnect();
      process.exit(0);
    });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
