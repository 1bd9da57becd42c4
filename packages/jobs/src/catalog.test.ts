import { jobCatalog, priorDeliveryAttempts, retryDelayMs } from './catalog';
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
    const event = { meta, endpointId: 'e', eventName: 'Push Hook', eventKey: 'k', receivedAt: '2026-11-21T10:00:00.000Z', payload: { a: 1 } };
    expect(schema.safeParse(event).success).toBe(true);
    expect(schema.safeParse({ ...event, payload: [1] }).success).toBe(false);
    expect(schema.safeParse({ ...event, payload: 'text' }).success).toBe(false);
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
    expect(jobCatalog[QueueName.Commands].schema.safeParse({ ...command, responseUrl: 'not a url' }).success).toBe(false);
    const incident = { meta, provider: 'slack', teamId: 'T1', userId: 'U1', action: { kind: 'open_declare_modal', triggerId: 't', responseUrl: 'https://x.example/r' }, receivedAt: '2026-11-21T10:00:00.000Z' };
    expect(jobCatalog[QueueName.Incidents].schema.safeParse(incident).success).toBe(true);
    expect(jobCatalog[QueueName.Incidents].schema.safeParse({ ...incident, action: { kind: 'explode' } }).success).toBe(false);
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

  it('count tries made before a deliveries job, leaving the job at least one of its own', () => {
    expect([0, 3, 7, 8, 12].map(priorDeliveryAttempts)).toEqual([0, 3, 7, 7, 7]);
  });
});
