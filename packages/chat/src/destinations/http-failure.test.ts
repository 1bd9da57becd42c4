import { httpFailure } from './http-failure';

describe('httpFailure', () => {
  it.each([400, 401, 403, 404, 405, 409, 413, 422])(
    'treats HTTP %i as permanent, keeping the server error id (Mattermost)',
    (status) => {
      expect(httpFailure(status, 'api.post.create_post.channel_not_found.app_error', null)).toMatchObject({
        code: 'chat_rejected',
        retryable: false,
        providerError: 'api.post.create_post.channel_not_found.app_error',
        providerHttpStatus: status,
      });
      expect(httpFailure(status, undefined, null)).toMatchObject({ retryable: false, providerError: `http_${status}` });
    },
  );

  it('waits Retry-After on a 429 rather than failing', () => {
    expect(httpFailure(429, undefined, '3')).toMatchObject({
      code: 'chat_rate_limited',
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it.each([408, 500, 502, 503])('retries HTTP %i', (status) => {
    expect(httpFailure(status, undefined, null)).toMatchObject({ code: 'chat_unavailable', retryable: true });
  });
});
