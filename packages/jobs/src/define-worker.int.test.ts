import { AppError, ErrorCode } from '@chatops/errors';
import { createLogger } from '@chatops/observability';
import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { type Job, type Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { waitFor } from '@chatops/test-support/wait';
import { Registry } from 'prom-client';
import { createProducerConnection, createWorkerConnection } from './connections';
import { CAPPED_EXPONENTIAL } from './catalog';
import { defineWorker } from './define-worker';
import { createJobMetrics } from './job-metrics';
import { JobQueues } from './job-queues';
import { QueueName } from './queue-names';

const logger = createLogger({ service: 'test', level: 'silent' });
const delivery = (id: string) => ({ deliveryId: id });

describe('defineWorker (real Redis)', () => {
  let prefix: string;
  let producer: Redis;
  let consumer: Redis;
  let queues: JobQueues;
  const workers: Worker[] = [];
  /** Completed deliveries jobs are deleted at once (catalog retention): their completion is seen as the worker's event. */
  const completed = new Set<string>();

  beforeEach(() => {
    // Each test has a prefix of its own, where BullMQ numbers jobs from 1 again.
    completed.clear();
    prefix = uniquePrefix('worker');
    producer = createProducerConnection(testInfra().redisUrl);
    consumer = createWorkerConnection(testInfra().redisUrl);
    queues = new JobQueues(producer, prefix);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await queues.close();
    producer.disconnect();
    consumer.disconnect();
    await deletePrefix(prefix);
  });

  function start(handler: Parameters<typeof defineWorker<typeof QueueName.Deliveries>>[1]): Worker {
    const worker = defineWorker(QueueName.Deliveries, handler, {
      connection: consumer,
      prefix,
      logger,
      concurrency: 2,
    });
    worker.on('completed', (job) => completed.add(job.id ?? ''));
    workers.push(worker);
    return worker;
  }

  type Settled = { state: 'completed' } | { state: 'failed'; job: Job };
  async function settled(jobId: string): Promise<Settled> {
    return waitFor(
      async (): Promise<Settled | undefined> => {
        if (completed.has(jobId)) return { state: 'completed' };
        // State first, then the job: read the other way round, the job could predate its failure.
        const state = await queues.queue(QueueName.Deliveries).getJobState(jobId);
        const job = state === 'failed' ? await queues.queue(QueueName.Deliveries).getJob(jobId) : undefined;
        return job ? { state: 'failed', job } : undefined;
      },
      { what: `job ${jobId} to settle` },
    );
  }

  it('hands validated data to the handler', async () => {
    const seen: unknown[] = [];
    start(async (data) => {
      seen.push(data.deliveryId);
    });
    const { jobId } = await queues.enqueue(QueueName.Deliveries, delivery('d1'));
    expect((await settled(jobId)).state).toBe('completed');
    expect(seen).toEqual(['d1']);
    // Retention: a completed notification job leaves nothing behind in Redis.
    expect(await queues.queue(QueueName.Deliveries).getJob(jobId)).toBeUndefined();
  });

  it('fails invalid job data permanently, without calling the handler or retrying', async () => {
    const handler = jest.fn(async () => undefined);
    start(handler);
    // enqueue leaves the schema to the worker; a stale producer or a hand-written job gets here too.
    const { jobId } = await queues.enqueue(QueueName.Deliveries, { deliveryId: 42 } as never);
    const outcome = await settled(jobId);
    if (outcome.state !== 'failed') throw new Error(`expected the job to fail, it ${outcome.state}`);
    expect(outcome.job.attemptsMade).toBe(1);
    expect(outcome.job.failedReason).toMatch(/^invalid_job_data/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('stops at once on a non-retryable AppError', async () => {
    let calls = 0;
    start(async () => {
      calls += 1;
      throw new AppError(ErrorCode.ChatRejected, 'channel_not_found', { retryable: false });
    });
    const { jobId } = await queues.enqueue(QueueName.Deliveries, delivery('d2'));
    expect((await settled(jobId)).state).toBe('failed');
    expect(calls).toBe(1);
  });

  it('releases the dedupe key of a job that failed for good, so the event can be sent again', async () => {
    start(async () => {
      throw new AppError(ErrorCode.ChatRejected, 'broken', { retryable: false });
    });
    const dedupe = { key: 'gitlab:ep:resend', ttlMs: 60_000 };
    const first = await queues.enqueue(QueueName.Deliveries, delivery('d5'), { dedupe });
    await settled(first.jobId);
    const resent = await queues.enqueue(QueueName.Deliveries, delivery('d5'), { dedupe });
    expect(resent.duplicate).toBe(false);
  });

  it('waits a retryAfterMs without spending an attempt', async () => {
    const starts: number[] = [];
    start(async () => {
      starts.push(Date.now());
      if (starts.length === 1)
        throw new AppError(ErrorCode.ChatRateLimited, 'ratelimited', { retryable: true, retryAfterMs: 700 });
    });
    const job = await queues
      .queue(QueueName.Deliveries)
      .add(QueueName.Deliveries, { deliveryId: 'd6', meta: { trace: {}, enqueuedAt: Date.now() } }, { attempts: 1 });
    expect((await settled(job.id ?? '')).state).toBe('completed');
    expect(starts).toHaveLength(2);
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(650);
  });

  it('retries retryable errors with the queue backoff', async () => {
    let calls = 0;
    start(async () => {
      calls += 1;
      if (calls < 3) throw new AppError(ErrorCode.ChatUnavailable, 'try later', { retryable: true });
    });
    const job = await queues
      .queue(QueueName.Deliveries)
      .add(
        QueueName.Deliveries,
        { deliveryId: 'd3', meta: { trace: {}, enqueuedAt: Date.now() } },
        { attempts: 5, backoff: { type: 'fixed', delay: 20 } },
      );
    expect((await settled(job.id ?? '')).state).toBe('completed');
    expect(calls).toBe(3);
  });

  it("retries with the notification queues' capped backoff, which BullMQ does not know by itself", async () => {
    const startedAt: number[] = [];
    start(async () => {
      startedAt.push(Date.now());
      if (startedAt.length < 3) throw new AppError(ErrorCode.ChatUnavailable, 'try later', { retryable: true });
    });
    const job = await queues
      .queue(QueueName.Deliveries)
      .add(
        QueueName.Deliveries,
        { deliveryId: 'd-capped', meta: { trace: {}, enqueuedAt: Date.now() } },
        { attempts: 5, backoff: { type: CAPPED_EXPONENTIAL, delay: 100 } },
      );
    expect((await settled(job.id ?? '')).state).toBe('completed');
    // 100 ms after the first failure, 200 ms after the second (BullMQ's delayed-job timer adds a little).
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(100);
    expect(startedAt[2]! - startedAt[1]!).toBeGreaterThanOrEqual(200);
  });

  describe('trace context', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    beforeAll(() => {
      provider.register({ propagator: new W3CTraceContextPropagator() });
    });
    afterAll(async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    });

    it('continues the producer trace in the worker span', async () => {
      let workerTraceId: string | undefined;
      start(async () => {
        workerTraceId = trace.getActiveSpan()?.spanContext().traceId;
      });
      const tracer = trace.getTracer('test');
      const producerTraceId = await tracer.startActiveSpan('produce', async (span) => {
        const { jobId } = await queues.enqueue(QueueName.Deliveries, delivery('d4'));
        span.end();
        await settled(jobId);
        return span.spanContext().traceId;
      });
      expect(workerTraceId).toBe(producerTraceId);
      const processSpan = exporter.getFinishedSpans().find((s) => s.name === 'process deliveries');
      expect(processSpan?.spanContext().traceId).toBe(producerTraceId);
    });
  });

  it("measures a scheduler's job from when its interval came, not from when the schedule was set", async () => {
    const registry = new Registry();
    const metrics = createJobMetrics(registry);
    const runs: number[] = [];
    workers.push(
      defineWorker(QueueName.AlertPolls, async () => void runs.push(Date.now()), {
        connection: consumer,
        prefix,
        logger,
        metrics,
      }),
    );
    await queues.schedule(QueueName.AlertPolls, 'latency', 250, {});
    await waitFor(() => runs.length >= 3, { what: 'three scheduled jobs' });
    const { values } = await metrics.queueLatency.get();
    const count = (le?: number) =>
      values.find(
        (v) =>
          v.metricName === `chatops_job_queue_latency_seconds_${le ? 'bucket' : 'count'}` &&
          (le === undefined || (v.labels as Record<string, unknown>)['le'] === le),
      )?.value ?? 0;
    // The third job's envelope is half a second old; each job waited far less than that.
    expect(count()).toBeGreaterThanOrEqual(3);
    expect(count(0.25)).toBe(count());
  });
});
