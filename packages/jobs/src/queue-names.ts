/**
 * The only place queue names are written. Renaming one strands the jobs already waiting in
 * Redis under the old name: add new queues, never rename.
 */
export const QueueName = {
  /** GitLab webhook events accepted by the gateway, consumed by the notifier. */
  Events: 'events',
  /** One chat post per destination, fanned out by the notifier, consumed by the notifier. */
  Deliveries: 'deliveries',
  /** Slash commands from Slack and Mattermost, consumed by the command-handler. */
  Commands: 'commands',
  /** Incident declarations and modal submissions, consumed by the incident service. */
  Incidents: 'incidents',
  /** ChatOps `run` jobs being watched until they finish, consumed by the command-handler. */
  ChatOpsRuns: 'chatops-runs',
  /**
   * Rounds of polling GitLab's alert management (GitLab sends no webhook for alerts), added by a
   * job scheduler once per interval and consumed by the incident service.
   */
  AlertPolls: 'alert-polls',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
