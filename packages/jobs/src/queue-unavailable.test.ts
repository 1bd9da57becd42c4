import { AppError, ErrorCode } from '@chatops/errors';
import { orQueueUnavailable, queueUnavailable } from './queue-unavailable';

describe('queue_unavailable', () => {
  it('is retryable, answers 503 and keeps what Redis said as the cause', () => {
    const cause = new Error('ECONNREFUSED 127.0.0.1:6379');
    const error = queueUnavailable('could not enqueue events job', cause);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: ErrorCode.QueueUnavailable,
      retryable: true,
      httpStatus: 503,
      message: 'could not enqueue events job',
    });
    expect(error.cause).toBe(cause);
  });

  it('wraps a failing queue call and passes a working one through', async () => {
    await expect(orQueueUnavailable('could not read the events queue', () => Promise.resolve(7))).resolves.toBe(7);
    const failed = orQueueUnavailable('could not read the events queue', () =>
      Promise.reject(new Error('Connection is closed.')),
    );
    await expect(failed).rejects.toMatchObject({
      code: ErrorCode.QueueUnavailable,
      retryable: true,
      message: 'could not read the events queue',
    });
  });
});
