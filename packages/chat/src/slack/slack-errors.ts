import { ErrorCode as SlackErrorCode, type WebAPICallError } from '@slack/web-api';
import { ChatProviderError } from '../chat-provider-error';

/** Slack `error` values that mean "try again later" rather than "this will never work". */
const RETRYABLE_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/** Maps anything `@slack/web-api` throws onto ChatProviderError. */
export function toChatProviderError(error: unknown): ChatProviderError {
  if (error instanceof ChatProviderError) return error;
  const callError = error as Partial<WebAPICallError> & { code?: string };
  switch (callError.code) {
    case SlackErrorCode.RateLimitedError: {
      const seconds = (error as { retryAfter?: number }).retryAfter ?? 1;
      return ChatProviderError.rateLimited(seconds * 1000, error);
    }
    case SlackErrorCode.PlatformError: {
      const slackError = String((error as { data?: { error?: string } }).data?.error ?? 'unknown_error');
      const options = { cause: error, detail: `Slack answered error "${slackError}"` };
      return RETRYABLE_PLATFORM_ERRORS.has(slackError)
        ? ChatProviderError.unavailable(slackError, options)
        : ChatProviderError.rejected(slackError, options);
    }
    case SlackErrorCode.HTTPError: {
      const status = (error as { statusCode?: number }).statusCode ?? 0;
      const retryable = status >= 500 || status === 408;
      const label = `http_${status}`;
      const options = { httpStatus: status, cause: error, detail: `Slack answered HTTP ${status}` };
      return retryable ? ChatProviderError.unavailable(label, options) : ChatProviderError.rejected(label, options);
    }
    case SlackErrorCode.RequestError:
      return ChatProviderError.unavailable('request_error', { cause: error });
    default:
      return ChatProviderError.unavailable(error instanceof Error ? error.message : 'unknown_error', { cause: error });
  }
}
