import { type EventKind, isEventKind } from './event-kind';

/** The project-hook switches (`POST /projects/:id/hooks`) that make GitLab send chatops' events. */
export const PROJECT_HOOK_EVENT_FLAGS = [
  'push_events',
  'tag_push_events',
  'issues_events',
  'confidential_issues_events',
  'merge_requests_events',
  'note_events',
  'confidential_note_events',
  'pipeline_events',
  'wiki_page_events',
  'deployment_events',
] as const;
export type ProjectHookEventFlag = (typeof PROJECT_HOOK_EVENT_FLAGS)[number];

/**
 * Which switch sends each integration event. Incidents are issues of type Incident (Issue Hook);
 * alerts have no webhook at all (the incident service polls them), so they need none.
 */
const FLAG_OF_EVENT: Record<EventKind, ProjectHookEventFlag | null> = {
  push: 'push_events',
  tag_push: 'tag_push_events',
  issue: 'issues_events',
  confidential_issue: 'confidential_issues_events',
  incident: 'issues_events',
  merge_request: 'merge_requests_events',
  note: 'note_events',
  confidential_note: 'confidential_note_events',
  pipeline: 'pipeline_events',
  wiki_page: 'wiki_page_events',
  deployment: 'deployment_events',
  alert: null,
};

/**
 * Every project-hook switch, on for exactly the events given (integration event names; unknown
 * names are ignored): a hook created or edited with these sends what the integrations route and
 * nothing else, so GitLab does no work chatops would drop.
 */
export function projectHookEventFlags(events: Iterable<string>): Record<ProjectHookEventFlag, boolean> {
  const flags = Object.fromEntries(PROJECT_HOOK_EVENT_FLAGS.map((flag) => [flag, false])) as Record<
    ProjectHookEventFlag,
    boolean
  >;
  for (const event of events) {
    const flag = isEventKind(event) ? FLAG_OF_EVENT[event] : null;
    if (flag) flags[flag] = true;
  }
  return flags;
}
