import {
  backoffStrategy,
  CAPPED_EXPONENTIAL,
  jobCatalog,
  priorDeliveryAttempts,
  RETRY_WAIT_CAP_MS,
  retryDelayMs,
} from './catalog';
import { ALL_QUEUES, QueueName } from './queue-names';

const meta = { trace: {}, enqueuedAt: 1 };

describe('job contracts', () => {
  it('define one schema and a bounded retry policy for every queue', () => {
    expect(Object.keys(jobCatalog).sort()).toEqual([...ALL_QUEUES].sort());
    for (const queue of ALL_QUEUES) {
      const { attempts, removeOnComplete, removeOnFail } = jobCatalog[queue].defaults;
      expect(attempts).toBeGreaterThan(0);
      expect(removeOnComplete).toBeTruthy();
      expect(removeOnFail).toBeTruthy();
    }
  });

  it('accept a well-formed event and reject malformed ones', () => {
    const schema = jobCatalog[QueueName.Events].schema;
    const event = {
      meta,
      endpointId: 'e',
      eventName: 'Push Hook',
      eventKey: 'k',
      receivedAt: '2026-11-21T10:00:00.000Z',
      payload: { a: 1 },
    };
    expect(schema.safeParse(event).success).toBe(true);
    expect(schema.safeParse({ ...event, payload: [1] }).success).toBe(false);
    expect(schema.safeParse({ ...event, payload: 'text' }).success).toBe(false);
    expect(schema.safeParse({ ...event, payload: null }).success).toBe(false);
    // Checked, not copied: the worker gets the very object that was parsed.
    const parsed = schema.safeParse(event);
    expect(parsed.success && parsed.data.payload).toBe(event.payload);
    expect(schema.safeParse({ ...event, eventKey: '' }).success).toBe(false);
    expect(schema.safeParse({ ...event, meta: { trace: {} } }).success).toBe(false);
    expect(schema.safeParse({ ...event, receivedAt: 'now' }).success).toBe(false);
  });

  it('fill the trace envelope in when absent', () => {
    const parsed = jobCatalog[QueueName.Deliveries].schema.parse({ deliveryId: 'd', meta: { enqueuedAt: 5 } });
    expect(parsed.meta).toEqual({ trace: {}, enqueuedAt: 5 });
  });

  it('validate commands and incident actions', () => {
    const command = {
      meta,
      provider: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      userId: 'U1',
      command: '/gitlab',
      text: 'help',
      responseUrl: 'https://hooks.slack.com/commands/1',
      receivedAt: '2026-11-21T10:00:00.000Z',
    };
    expect(jobCatalog[QueueName.Commands].schema.safeParse(command).success).toBe(true);
    expect(jobCatalog[QueueName.Commands].schema.safeParse({ ...command, provider: 'teams' }).success).toBe(false);
    expect(jobCatalog[QueueName.Commands].schema.safeParse({ ...command, responseUrl: 'not a url' }).success).toBe(
      false,
    );
    const incident = {
      meta,
      provider: 'slack',
      teamId: 'T1',
      userId: 'U1',
      action: { kind: 'declare_requested', identityId: 'i1', triggerId: 't', responseUrl: 'https://x.example/r' },
      receivedAt: '2026-11-21T10:00:00.000Z',
    };
    expect(jobCatalog[QueueName.Incidents].schema.safeParse(incident).success).toBe(true);
    expect(jobCatalog[QueueName.Incidents].schema.safeParse({ ...incident, action: { kind: 'explode' } }).success).toBe(
      false,
    );
  });

  it("give a queue's backoff for a retry enqueued by hand: doubling, with the jitter taken off", () => {
    // Deliveries: 1 s doubling, jitter 0.5 → within [500, 1000] ms after one try, [1000, 2000] after two.
    for (let i = 0; i < 50; i++) {
      const first = retryDelayMs(QueueName.Deliveries, 1);
      expect(first).toBeGreaterThanOrEqual(500);
      expect(first).toBeLessThanOrEqual(1000);
      const second = retryDelayMs(QueueName.Deliveries, 2);
      expect(second).toBeGreaterThanOrEqual(1000);
      expect(second).toBeLessThanOrEqual(2000);
    }
    expect(retryDelayMs(QueueName.Events, 3)).toBe(4000);
    expect(retryDelayMs(QueueName.Commands, 1)).toBe(0);
  });

  it('cap each wait of the notification queues at 5 minutes, and keep retrying for about an hour', () => {
    expect(RETRY_WAIT_CAP_MS).toBe(300_000);
    expect(retryDelayMs(QueueName.Events, 9)).toBe(256_000);
    expect(retryDelayMs(QueueName.Events, 10)).toBe(RETRY_WAIT_CAP_MS);
    expect(retryDelayMs(QueueName.Events, 40)).toBe(RETRY_WAIT_CAP_MS);
    for (let i = 0; i < 50; i++) {
      const late = retryDelayMs(QueueName.Deliveries, 15);
      expect(late).toBeGreaterThanOrEqual(RETRY_WAIT_CAP_MS / 2);
      expect(late).toBeLessThanOrEqual(RETRY_WAIT_CAP_MS);
    }
    for (const queue of [QueueName.Events, QueueName.Deliveries]) {
      const { attempts, backoff } = jobCatalog[queue].defaults;
      expect(backoff.type).toBe(CAPPED_EXPONENTIAL);
      // Every wait at its longest (no jitter): between 55 and 65 minutes in all.
      const totalMs = Array.from({ length: attempts - 1 }, (_, n) =>
        Math.min(RETRY_WAIT_CAP_MS, 2 ** n * backoff.delay),
      ).reduce((a, b) => a + b, 0);
      expect(totalMs / 60_000).toBeGreaterThan(55);
      expect(totalMs / 60_000).toBeLessThan(65);
    }
  });

  it("give BullMQ the capped wait from the job's own delay and jitter, and refuse a type they do not know", async () => {
    const job = { opts: { backoff: { type: CAPPED_EXPONENTIAL, delay: 50 } } } as Parameters<typeof backoffStrategy>[3];
    expect(await backoffStrategy(3, CAPPED_EXPONENTIAL, new Error('x'), job)).toBe(200);
    expect(await backoffStrategy(30, CAPPED_EXPONENTIAL, new Error('x'), job)).toBe(RETRY_WAIT_CAP_MS);
    expect(() => backoffStrategy(1, 'linear', new Error('x'), job)).toThrow(/unknown backoff type linear/);
  });

  it('count tries made before a deliveries job, leaving the job at least one of its own', () => {
    const attempts = jobCatalog[QueueName.Deliveries].defaults.attempts;
    expect([0, 3, attempts - 1, attempts, attempts + 5].map(priorDeliveryAttempts)).toEqual([
      0,
      3,
      attempts - 1,
      attempts - 1,
      attempts - 1,
    ]);
  });
});
