import { AppError, ErrorCode } from '@chatops/errors';

/**
 * The one shape of "Redis did not take or answer this": `queue_unavailable`, retryable, so the
 * gateway answers 503 (GitLab retries) and the admin API tells the operator to try again.
 */
export function queueUnavailable(what: string, cause?: unknown): AppError {
  return new AppError(ErrorCode.QueueUnavailable, what, { retryable: true, ...(cause === undefined ? {} : { cause }) });
}

/** Runs a queue read or change, turning any failure into `queueUnavailable(what)`. */
export async function orQueueUnavailable<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw queueUnavailable(what, error);
  }
}
