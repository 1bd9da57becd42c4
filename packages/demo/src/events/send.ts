import { randomUUID } from 'node:crypto';
import { type JsonObject } from './json';

/** Where GitLab would send the demo project's webhooks: the gateway's endpoint and its secret token. */
export interface WebhookTarget {
  gatewayUrl: string;
  endpointId: string;
  secret: string;
}

/**
 * Posts one event to the gateway's real endpoint with the headers GitLab sends (17.x): a fresh
 * Idempotency-Key and event UUID each time, so every send is a new event.
 */
export async function postGitLabEvent(
  target: WebhookTarget,
  header: string,
  payload: JsonObject,
  gitlabUrl: string,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${target.gatewayUrl}/hooks/gitlab/${encodeURIComponent(target.endpointId)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitLab/17.6.0',
      'x-gitlab-event': header,
      'x-gitlab-token': target.secret,
      'x-gitlab-instance': gitlabUrl,
      'x-gitlab-event-uuid': randomUUID(),
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text() };
}
