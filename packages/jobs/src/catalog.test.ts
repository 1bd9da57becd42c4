import { jobCatalog } from './catalog';
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
});
