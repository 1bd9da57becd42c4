import { ErrorCode as SlackErrorCode } from '@slack/web-api';
import { toChatProviderError } from './slack-errors';

const platform = (error: string) =>
  Object.assign(new Error(error), { code: SlackErrorCode.PlatformError, data: { ok: false, error } });

describe('toChatProviderError', () => {
  it('maps rate limits to a retryable error with the wait Slack asked for', () => {
    const mapped = toChatProviderError(
      Object.assign(new Error('429'), { code: SlackErrorCode.RateLimitedError, retryAfter: 7 }),
    );
    expect(mapped).toMatchObject({
      code: 'chat_rate_limited',
      retryable: true,
      retryAfterMs: 7000,
      providerError: 'ratelimited',
    });
  });

  it.each([
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'msg_too_long',
    'invalid_auth',
    'account_inactive',
    'token_revoked',
    'no_permission',
    'missing_scope',
  ])('treats %s as permanent', (error) => {
    expect(toChatProviderError(platform(error))).toMatchObject({
      code: 'chat_rejected',
      retryable: false,
      providerError: error,
    });
  });

  it.each(['internal_error', 'service_unavailable', 'fatal_error'])('retries %s', (error) => {
    expect(toChatProviderError(platform(error))).toMatchObject({ code: 'chat_unavailable', retryable: true });
  });

  it('retries server errors and network failures, not other HTTP errors', () => {
    expect(
      toChatProviderError(Object.assign(new Error('x'), { code: SlackErrorCode.HTTPError, statusCode: 503 })),
    ).toMatchObject({ retryable: true, providerHttpStatus: 503 });
    expect(
      toChatProviderError(Object.assign(new Error('x'), { code: SlackErrorCode.HTTPError, statusCode: 404 })),
    ).toMatchObject({ retryable: false, providerError: 'http_404' });
    expect(toChatProviderError(Object.assign(new Error('x'), { code: SlackErrorCode.RequestError }))).toMatchObject({
      retryable: true,
      providerError: 'request_error',
    });
  });
});
