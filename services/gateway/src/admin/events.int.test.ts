import { QueueName } from '@chatops/jobs';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { eventJobData, failEventJobs } from '@chatops/test-support/failed-events';

describe('admin API: failed events', () => {
  let harness: AdminHarness;
  const events = () => harness.queues.queue(QueueName.Events);
  const failEvents = (keys: string[]) => failEventJobs(harness.queues, keys);

  beforeAll(async () => {
    harness = await startAdminApi();
  });
  afterEach(async () => {
    await events().obliterate({ force: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('lists failed events newest first, with why they failed; a waiting event is not among them', async () => {
    const [older, newer] = await failEvents(['e1', 'e2']);
    await events().add(QueueName.Events, eventJobData('waiting'), { jobId: 'job-waiting' });
    const response = await harness.call('GET', '/api/v1/events/failed');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: Array<Record<string, unknown>> }>();
    expect(items.map((item) => item.jobId)).toEqual([newer, older]);
    expect(items[0]).toEqual({
      jobId: newer,
      endpointId: 'ep-1',
      eventName: 'Push Hook',
      eventKey: 'e2',
      receivedAt: '2026-11-22T10:00:00.000Z',
      failedReason: 'database unavailable',
      attemptsMade: 1,
      failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await harness.call('GET', '/api/v1/events/failed?limit=1')).json().items).toHaveLength(1);
  });

  it('routes a failed event again with all its tries, once', async () => {
    const [id = ''] = await failEvents(['again']);
    const response = await harness.call('POST', `/api/v1/events/failed/${id}/retry`);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ jobId: id, status: 'waiting' });
    const job = await events().getJob(id);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0);
    expect((await harness.call('GET', '/api/v1/events/failed')).json().items).toEqual([]);
    // Waiting now, not failed: a second retry is a conflict.
    const again = await harness.call('POST', `/api/v1/events/failed/${id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('answers 404 for an unknown event job and 400 for a malformed id or limit', async () => {
    const missing = await harness.call('POST', '/api/v1/events/failed/no-such-job/retry');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect((await harness.call('POST', '/api/v1/events/failed/bad%20id/retry')).statusCode).toBe(400);
    expect((await harness.call('GET', '/api/v1/events/failed?limit=0')).statusCode).toBe(400);
    expect((await harness.call('GET', '/api/v1/events/failed?limit=500')).statusCode).toBe(400);
  });
});
