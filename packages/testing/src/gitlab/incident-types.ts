/** Incident management, labels, files and project webhooks: the types of what the fake GitLab stores. */

/** Issue severity as GitLab stores it (GraphQL `IssuableSeverity` upper-cases it, REST too). */
export type IssuableSeverity = 'unknown' | 'low' | 'medium' | 'high' | 'critical';
export const ISSUABLE_SEVERITIES: readonly IssuableSeverity[] = ['unknown', 'low', 'medium', 'high', 'critical'];

/** An incident's escalation status (GraphQL `IssueEscalationStatus`); issues of other types have none. */
export type EscalationStatus = 'triggered' | 'acknowledged' | 'resolved';
export const ESCALATION_STATUSES: readonly EscalationStatus[] = ['triggered', 'acknowledged', 'resolved'];

/** GraphQL `IssuableResourceLinkType`: what `/link` or `/zoom` added to an incident's linked resources. */
export type ResourceLinkType = 'general' | 'zoom' | 'slack' | 'pagerduty';

export interface GitLabResourceLink {
  id: number;
  link: string;
  linkText: string | null;
  linkType: ResourceLinkType;
}

export interface GitLabTimelineEvent {
  id: number;
  issueId: number;
  projectId: number;
  note: string;
  occurredAt: string;
  action: string;
  authorId: number;
  createdAt: string;
  updatedAt: string;
}

export interface GitLabLabelInput {
  name: string;
  /** `#rrggbb`; GitLab's default for labels created on the fly is #6699cc. */
  color?: string;
  description?: string;
}

export interface GitLabLabel {
  id: number;
  projectId: number;
  name: string;
  color: string;
  description: string | null;
  createdAt: string;
}

export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'unknown';
export type AlertStatus = 'triggered' | 'acknowledged' | 'resolved' | 'ignored';

/** An alert as a monitoring integration would have raised it (GraphQL `AlertManagementAlert`). */
export interface GitLabAlertInput {
  title: string;
  /** Default `critical`, like GitLab's for alerts without one. */
  severity?: AlertSeverity;
  /** Default `triggered`. */
  status?: AlertStatus;
  /** ISO 8601; default now. */
  startedAt?: string;
  /** How many events the alert aggregated (default 1). */
  eventCount?: number;
  description?: string;
  service?: string;
  monitoringTool?: string;
}

export interface GitLabAlert {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string | null;
  severity: AlertSeverity;
  status: AlertStatus;
  startedAt: string;
  createdAt: string;
  updatedAt: string;
  eventCount: number;
  service: string | null;
  monitoringTool: string | null;
  /** The alert's details page (GraphQL `webUrl`), set once the fake has a URL. */
  webUrl: string;
}

/** Hook events a project hook subscribes to; the names of the project hooks API. */
export const HOOK_EVENT_FLAGS = [
  'push_events',
  'issues_events',
  'confidential_issues_events',
  'merge_requests_events',
  'tag_push_events',
  'note_events',
  'confidential_note_events',
  'job_events',
  'pipeline_events',
  'wiki_page_events',
  'deployment_events',
  'releases_events',
  'feature_flag_events',
  'emoji_events',
] as const;
export type HookEventFlag = (typeof HOOK_EVENT_FLAGS)[number];

export interface GitLabProjectHook {
  id: number;
  projectId: number;
  url: string;
  name: string;
  description: string;
  /** Sent as X-Gitlab-Token; never returned by the API. */
  token: string | null;
  events: Record<HookEventFlag, boolean>;
  enableSslVerification: boolean;
  pushEventsBranchFilter: string | null;
  createdAt: string;
}

/** One webhook POST the fake made, and what the receiver answered. */
export interface GitLabHookDelivery {
  hookId: number;
  url: string;
  /** The X-Gitlab-Event header, e.g. `Issue Hook`. */
  event: string;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
  /** HTTP status, or undefined when the request failed (see `error`). */
  status: number | undefined;
  responseBody: string | undefined;
  error: string | undefined;
  at: number;
}
