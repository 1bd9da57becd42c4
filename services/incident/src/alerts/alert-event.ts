import { ALERT_EVENT_NAME, type AlertEvent } from '@chatops/gitlab';
import { type JobInput, type QueueName } from '@chatops/jobs';
import { type GitLabAlert } from './gitlab-alerts';

/** The identity of an alert's notification: the delivery's unique key makes a second post impossible. */
export function alertEventKey(gitlabProjectId: number, iid: number): string {
  return `alert:${gitlabProjectId}:${iid}`;
}

/**
 * The payload GitLab's Slack integration builds its alert message from: the alert's hook data
 * (`Gitlab::DataBuilder::Alert`: title, details URL, severity, event count, status, start time,
 * enums in lower case) with the project's full name merged in, as the integration does.
 */
export function alertPayload(alert: GitLabAlert, projectName: string, now: Date): AlertEvent {
  return {
    object_kind: 'alert',
    project_name: projectName,
    object_attributes: {
      title: alert.title ?? '',
      url: alert.webUrl,
      severity: (alert.severity ?? 'unknown').toLowerCase(),
      events: alert.eventCount ?? 1,
      status: (alert.status ?? 'triggered').toLowerCase(),
      started_at: alert.startedAt ?? alert.createdAt ?? now.toISOString(),
    },
  };
}

/** The `events` job that notifies an alert, as if GitLab had sent it to the project's endpoint. */
export function alertEventJob(
  target: { endpointId: string; gitlabProjectId: number },
  alert: GitLabAlert,
  projectName: string,
  now: Date,
): JobInput<typeof QueueName.Events> {
  return {
    endpointId: target.endpointId,
    eventName: ALERT_EVENT_NAME,
    eventKey: alertEventKey(target.gitlabProjectId, alert.iid),
    receivedAt: now.toISOString(),
    payload: alertPayload(alert, projectName, now),
  };
}
