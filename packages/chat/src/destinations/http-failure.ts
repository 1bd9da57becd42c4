import { outboundRefusalIn } from '@chatops/outbound';
import { ChatProviderError } from '../chat-provider-error';

/**
 * Maps a chat server's HTTP failure onto ChatProviderError: 429 waits Retry-After (seconds),
 * 5xx and 408 are retried, other 4xx are permanent. `providerError` is the server's own error
 * code when it sent one (Slack webhooks answer `no_service`, `channel_not_found`…).
 */
export function httpFailure(
  status: number,
  providerError: string | undefined,
  retryAfterHeader: string | null | undefined,
  cause?: unknown,
): ChatProviderError {
  if (status === 429) {
    const seconds = Number(retryAfterHeader);
    return ChatProviderError.rateLimited((Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000, cause);
  }
  const isCode = !!providerError && /^[a-z0-9_.]{1,80}$/i.test(providerError);
  const code = isCode ? providerError : `http_${status}`;
  // The server's answer says why (`no_service`, `channel_not_found`, an HTML error page…): kept short.
  const answer = providerError ? `: ${providerError.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  const options = { httpStatus: status, cause, detail: `HTTP ${status}${answer}` };
  return status >= 500 || status === 408
    ? ChatProviderError.unavailable(code, options)
    : ChatProviderError.rejected(code, options);
}

/**
 * A request that got no answer: refused by the outbound guard (an internal target, permanent:
 * the same URL is refused again, so it is not retried), or a network error (retryable).
 */
export function requestFailure(error: unknown): ChatProviderError {
  const refusal = outboundRefusalIn(error);
  if (refusal) return ChatProviderError.rejected('outbound_refused', { cause: error, detail: refusal });
  return ChatProviderError.unavailable('request_error', { cause: error });
}
