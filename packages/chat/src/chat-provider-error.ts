import { AppError, ErrorCode } from '@chatops/errors';

type ChatErrorCode =
  typeof ErrorCode.ChatRateLimited | typeof ErrorCode.ChatUnavailable | typeof ErrorCode.ChatRejected;

/**
 * Every chat vendor failure, mapped to one shape: `retryable` says whether the same post may
 * succeed later; `providerError` keeps the vendor's own code (e.g. `channel_not_found`) for the
 * delivery log.
 */
export class ChatProviderError extends AppError {
  readonly providerError: string;
  readonly providerHttpStatus: number | undefined;
  /** What happened, in words: the vendor's own message when it sent one (also in `message`). */
  readonly detail: string | undefined;

  constructor(
    code: ChatErrorCode,
    providerError: string,
    options: { retryable: boolean; retryAfterMs?: number; httpStatus?: number; cause?: unknown; detail?: string },
  ) {
    // The operator reads this in the delivery log: the vendor's code, then what actually happened.
    const detail = options.detail ?? causeOf(options.cause);
    super(code, detail ? `${providerError}: ${detail}` : providerError, {
      retryable: options.retryable,
      retryAfterMs: options.retryAfterMs,
      details: { providerError },
      cause: options.cause,
    });
    this.name = 'ChatProviderError';
    this.providerError = providerError;
    this.providerHttpStatus = options.httpStatus;
    this.detail = detail;
  }

  static rateLimited(retryAfterMs: number, cause?: unknown): ChatProviderError {
    return new ChatProviderError(ErrorCode.ChatRateLimited, 'ratelimited', {
      retryable: true,
      retryAfterMs,
      httpStatus: 429,
      cause,
    });
  }

  static unavailable(providerError: string, options: FailureOptions = {}): ChatProviderError {
    return new ChatProviderError(ErrorCode.ChatUnavailable, providerError, { retryable: true, ...options });
  }

  static rejected(providerError: string, options: FailureOptions = {}): ChatProviderError {
    return new ChatProviderError(ErrorCode.ChatRejected, providerError, { retryable: false, ...options });
  }
}

interface FailureOptions {
  httpStatus?: number;
  cause?: unknown;
  /** What happened, in words (default: the innermost cause's message). */
  detail?: string;
}

/**
 * The innermost message of an error chain (`cause`, or `original` as the Slack SDKs name it):
 * `connect ECONNREFUSED 127.0.0.1:9099` rather than `fetch failed` or `A request error occurred`.
 */
export function causeOf(error: unknown): string | undefined {
  let message: string | undefined;
  // Duck-typed: errors made by Node's own fetch come from another realm in some runtimes (jest).
  let current = error as { message?: unknown; cause?: unknown; original?: unknown } | null | undefined;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    if (typeof current.message === 'string' && current.message !== '') message = current.message;
    const next = (current.cause ?? current.original) as typeof current;
    if (next === current) break;
    current = next;
  }
  return message?.slice(0, 300);
}
