/** What filters need to know about an event, read from its payload by its builder entry. */
export interface EventFacts {
  /** `refs/heads/x`, `refs/tags/y` or a bare branch name; undefined when the event has no ref. */
  ref: string | undefined;
  defaultBranch: string | undefined;
  /** GitLab says whether the ref is protected (push payloads' `ref_protected`). */
  refProtected: boolean | undefined;
  /** Label titles on the issue or merge request the event is about; undefined when it has none to speak of. */
  labels: string[] | undefined;
  /** Pipeline events: status and GitLab's `ref_status_name` (fixed / broken / …) when present. */
  pipeline: { status: string; refStatusName: string | undefined } | undefined;
  /** The object the event is about, for threading (see thread-keys.ts); undefined for pushes and the like. */
  threadKey: string | undefined;
  /**
   * The content is confidential whatever kind GitLab's event gives it (a confidential incident
   * arrives as `incident`, not `confidential_issue`): it may go only to confidential channels.
   */
  confidential: boolean;
}

export const NO_FACTS: EventFacts = {
  ref: undefined,
  defaultBranch: undefined,
  refProtected: undefined,
  labels: undefined,
  pipeline: undefined,
  threadKey: undefined,
  confidential: false,
};
