/** The kinds whose payloads carry labels: GitLab applies an integration's label filter to these alone. */
export const LABELLED_EVENT_KINDS = [
  'issue',
  'confidential_issue',
  'incident',
  'merge_request',
  'note',
  'confidential_note',
] as const;

/** The event names integrations are configured with (GitLab's SUPPORTED_EVENTS). */
export const EVENT_KINDS = [
  'push',
  'tag_push',
  ...LABELLED_EVENT_KINDS,
  'pipeline',
  'wiki_page',
  'deployment',
  'alert',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export function isEventKind(value: string): value is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(value);
}

/**
 * The event name chatops gives alerts. GitLab sends no webhook for them (it hands alerts to its
 * own chat integrations only), so the incident service polls GitLab's alert management and
 * queues each new alert under this name. It is not an `X-Gitlab-Event` value: the gateway refuses
 * it, so alerts reach the notifier from the poller alone.
 */
export const ALERT_EVENT_NAME = 'Alert Hook';

interface PayloadShape {
  object_kind?: unknown;
  event_type?: unknown;
  object_attributes?: { type?: unknown; issue_type?: unknown; confidential?: unknown; internal?: unknown };
  issue?: { confidential?: unknown };
}

/**
 * Classifies a webhook as GitLab's integrations do: confidential issues and notes (internal notes,
 * or notes on confidential issues) are their own kinds so they can be routed separately, and
 * issues of type Incident are incidents. Returns undefined for events no integration handles.
 */
export function eventKindOf(eventName: string, payload: PayloadShape): EventKind | undefined {
  switch (eventName) {
    case 'Push Hook':
      return 'push';
    case 'Tag Push Hook':
      return 'tag_push';
    case 'Issue Hook':
    case 'Confidential Issue Hook': {
      const attrs = payload.object_attributes ?? {};
      if (attrs.type === 'Incident' || attrs.issue_type === 'incident') return 'incident';
      return eventName === 'Confidential Issue Hook' || attrs.confidential === true ? 'confidential_issue' : 'issue';
    }
    case 'Note Hook':
    case 'Confidential Note Hook': {
      const internal = payload.object_attributes?.internal === true || payload.issue?.confidential === true;
      return eventName === 'Confidential Note Hook' || internal ? 'confidential_note' : 'note';
    }
    case 'Merge Request Hook':
      return 'merge_request';
    case 'Pipeline Hook':
      return 'pipeline';
    case 'Wiki Page Hook':
      return 'wiki_page';
    case 'Deployment Hook':
      return 'deployment';
    case ALERT_EVENT_NAME:
      return 'alert';
    default:
      return undefined;
  }
}
