import { type JobQueues, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';

/** The one schedule every replica sets (BullMQ keeps one per id, so one round runs per interval). */
export const ALERT_POLL_SCHEDULER_ID = 'alert-polls';
/** How soon a replica that could not set the schedule (Redis not reachable yet) tries again. */
const RETRY_MS = 5000;

/**
 * Sets the alert polling schedule, trying again in the background until Redis takes it: a
 * replica starting while Redis is away still ends up scheduling. Returns a stop for shutdown.
 */
export function scheduleAlertPolls(queues: JobQueues, everyMs: number, logger: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async (): Promise<void> => {
    try {
      await queues.schedule(QueueName.AlertPolls, ALERT_POLL_SCHEDULER_ID, everyMs, {});
      logger.info({ everyMs }, 'alert polling scheduled');
    } catch (error) {
      if (stopped) return;
      logger.warn({ err: error, retryInMs: RETRY_MS }, 'could not schedule alert polling yet');
      timer = setTimeout(() => void attempt(), RETRY_MS);
      timer.unref();
    }
  };
  void attempt();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
