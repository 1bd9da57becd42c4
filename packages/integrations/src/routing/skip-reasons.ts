/**
 * Why an event does not go to an integration, or to one of its channels. Recorded with the event
 * (a `skipped` delivery in the delivery log), logged, and printed by `chatops explain`.
 */
export type SkipReason =
  /** The integration is switched off (only `chatops explain` reports it: the notifier never loads it). */
  | 'integration_disabled'
  /** The integration's triggers do not include this event. */
  | 'event_not_routed'
  /** GitLab's "Branches for which notifications are to be sent". */
  | 'branch_not_notified'
  /** The branch matches none of the include globs, or one of the exclude globs. */
  | 'branch_not_included'
  | 'branch_excluded'
  /** GitLab's "Labels to be notified" (any / all), or a label the integration excludes. */
  | 'labels_not_matched'
  | 'label_excluded'
  /** GitLab's pipeline filters: unfinished, success with "only broken", or no status change. */
  | 'pipeline_status_filtered'
  /** Neither the event's channels nor a default channel are set. */
  | 'no_channel'
  /** Confidential content goes only to channels listed as allowed for it. */
  | 'confidential_channel_not_allowed';

/** A decision not to send, with the sentence an operator reads. */
export interface Skip {
  reason: SkipReason;
  detail: string;
}
