/** Every `X-Gitlab-Event` value GitLab sends (project, group and system hooks). */
export const GITLAB_EVENT_NAMES = [
  'Push Hook',
  'Tag Push Hook',
  'Issue Hook',
  'Confidential Issue Hook',
  'Note Hook',
  'Confidential Note Hook',
  'Merge Request Hook',
  'Wiki Page Hook',
  'Pipeline Hook',
  'Job Hook',
  'Deployment Hook',
  'Release Hook',
  'Emoji Hook',
  'Feature Flag Hook',
  'Member Hook',
  'Project Hook',
  'Subgroup Hook',
  'Vulnerability Hook',
  'Resource Access Token Hook',
  'Milestone Hook',
  'System Hook',
] as const;
export type GitlabEventName = (typeof GITLAB_EVENT_NAMES)[number];

const KNOWN = new Set<string>(GITLAB_EVENT_NAMES);

export function isKnownGitlabEvent(name: string): name is GitlabEventName {
  return KNOWN.has(name);
}

export interface WebhookHeaders {
  eventName: string | undefined;
  token: string | undefined;
  /** Stable across GitLab's retries and resends of one event (17.4+), else the event UUID (14.8+). */
  idempotencyKey: string | undefined;
  instance: string | undefined;
  /** Standard Webhooks headers GitLab adds when the hook has a signing token. */
  signature: { id: string | undefined; timestamp: string | undefined; signature: string | undefined };
}

type HeaderBag = Record<string, string | string[] | undefined>;

function single(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/**
 * A client-chosen identifier we put into Redis keys, job data and logs: at most 255 printable
 * ASCII characters, else ignored (GitLab's are UUIDs).
 */
function identifier(value: string | undefined): string | undefined {
  return value !== undefined && value.length <= 255 && /^[\x21-\x7e]+$/.test(value) ? value : undefined;
}

/** Reads GitLab's webhook headers (names as Node lower-cases them). */
export function readWebhookHeaders(headers: HeaderBag): WebhookHeaders {
  return {
    eventName: single(headers, 'x-gitlab-event'),
    token: single(headers, 'x-gitlab-token'),
    idempotencyKey: identifier(
      single(headers, 'idempotency-key') ?? single(headers, 'webhook-id') ?? single(headers, 'x-gitlab-event-uuid'),
    ),
    instance: single(headers, 'x-gitlab-instance'),
    signature: {
      id: single(headers, 'webhook-id'),
      timestamp: single(headers, 'webhook-timestamp'),
      signature: single(headers, 'webhook-signature'),
    },
  };
}
