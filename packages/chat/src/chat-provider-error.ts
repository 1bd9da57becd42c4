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

  constructor(
    code: ChatErrorCode,
    providerError: string,
    options: { retryable: boolean; retryAfterMs?: number; httpStatus?: number; cause?: unknown },
  ) {
    super(code, `chat provider error: ${providerError}`, {
      retryable: options.retryable,
      retryAfterMs: options.retryAfterMs,
      details: { providerError },
      cause: options.cause,
    });
    this.name = 'ChatProviderError';
    this.providerError = providerError;
    this.providerHttpStatus = options.httpStatus;
  }

  static rateLimited(retryAfterMs: number, cause?: unknown): ChatProviderError {
    return new ChatProviderError(ErrorCode.ChatRateLimited, 'ratelimited', {
      retryable: true,
      retryAfterMs,
      httpStatus: 429,
      cause,
    });
  }

  static unavailable(providerError: string, options: { httpStatus?: number; cause?: unknown } = {}): ChatProviderError {
    return new ChatProviderError(ErrorCode.ChatUnavailable, providerError, { retryable: true, ...options });
  }

  static rejected(providerError: string, options: { httpStatus?: number; cause?: unknown } = {}): ChatProviderError {
    return new ChatProviderError(ErrorCode.ChatRejected, providerError, { retryable: false, ...options });
  }
}
