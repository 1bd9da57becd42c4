import { type ErrorCode, httpStatusOf } from './codes';

export interface AppErrorOptions {
  /** Whether repeating the same operation later may succeed (drives job retries). */
  retryable?: boolean;
  /** Milliseconds to wait before retrying, when the other side said so (Retry-After). */
  retryAfterMs?: number;
  /** Extra machine-readable detail, safe to show to the caller (e.g. the offending field). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error model of the suite: a stable code, whether to retry, and the HTTP status it maps to. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  get httpStatus(): number {
    return httpStatusOf(this.code);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
