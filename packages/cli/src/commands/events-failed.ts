import { listFailedEvents, retryFailedEvent } from '@chatops/jobs';
import { defineCommand, requireOption, UsageError } from '../command';
import { pageOptions } from '../paging';

export const eventsFailed = defineCommand({
  name: 'events:failed',
  summary: 'GitLab events whose routing failed for good (kept a week), newest first; needs REDIS_URL and QUEUE_PREFIX',
  options: { limit: { description: 'events to show, 1–200 (default: 50)' } },
  async run(options, { queues, print }) {
    const failed = await listFailedEvents(queues, pageOptions(options).limit);
    if (failed.length === 0) print('no failed events');
    for (const e of failed)
      print(
        `${e.jobId}  ${e.failedAt ?? '-'}  ${e.eventName}  endpoint=${e.endpointId}  key=${e.eventKey}  attempts=${e.attemptsMade}  ${e.failedReason}`,
      );
    return failed;
  },
});

export const eventsRetry = defineCommand({
  name: 'events:retry',
  summary: 'Route a failed event again, with all its tries; needs REDIS_URL and QUEUE_PREFIX',
  options: { id: { description: 'event job id (see events:failed)', required: true } },
  async run(options, { queues, print }) {
    const id = requireOption(options, 'id');
    const result = await retryFailedEvent(queues, id);
    if (result === 'missing') throw new UsageError(`unknown event job: ${id}`);
    if (result === 'not_failed')
      throw new UsageError(`event job ${id} has not failed: only failed events can be retried`);
    print(`event job ${id} is back in the queue; events:failed no longer lists it`);
    return { jobId: id, status: 'waiting' };
  },
});
