import { isKnownGitlabEvent, readWebhookHeaders } from './webhook-headers';

describe('readWebhookHeaders', () => {
  it('prefers Idempotency-Key over the event UUID', () => {
    expect(
      readWebhookHeaders({
        'x-gitlab-event': 'Push Hook',
        'x-gitlab-token': 't',
        'idempotency-key': 'k',
        'x-gitlab-event-uuid': 'u',
      }),
    ).toEqual({
      eventName: 'Push Hook',
      token: 't',
      idempotencyKey: 'k',
      instance: undefined,
      signature: { id: undefined, timestamp: undefined, signature: undefined },
    });
    expect(readWebhookHeaders({ 'webhook-id': 'w', 'x-gitlab-event-uuid': 'u' }).idempotencyKey).toBe('w');
    expect(readWebhookHeaders({ 'x-gitlab-event-uuid': 'u' }).idempotencyKey).toBe('u');
  });

  it('ignores keys too long or with unprintable characters', () => {
    expect(readWebhookHeaders({ 'idempotency-key': 'k'.repeat(256) }).idempotencyKey).toBeUndefined();
    expect(readWebhookHeaders({ 'idempotency-key': 'a b' }).idempotencyKey).toBeUndefined();
    expect(readWebhookHeaders({ 'idempotency-key': 'k'.repeat(255) }).idempotencyKey).toHaveLength(255);
  });

  it('treats empty headers as absent and takes the first of repeated ones', () => {
    expect(readWebhookHeaders({ 'x-gitlab-token': '', 'idempotency-key': ['a', 'b'] })).toMatchObject({
      token: undefined,
      idempotencyKey: 'a',
    });
  });
});

describe('isKnownGitlabEvent', () => {
  it('knows GitLab event names exactly', () => {
    expect(isKnownGitlabEvent('Merge Request Hook')).toBe(true);
    expect(isKnownGitlabEvent('merge request hook')).toBe(false);
    expect(isKnownGitlabEvent('Push')).toBe(false);
  });
});
