import { type FormOption } from '@chatops/chat';
import { type GitLabApi } from '@chatops/gitlab';
import { DeclareField } from './declare-form';

/** How many members and labels are kept per form; what the user types filters these. */
const PREFETCH_LIMIT = 100;

/** The project's members as the assignee select offers them (GitLab's `<Name> - <username>`, by user id). */
export async function assigneeOptions(gitlab: GitLabApi, projectId: number): Promise<FormOption[]> {
  const members = await gitlab.projectMembers(projectId, '', PREFETCH_LIMIT);
  return members.map((m) => ({ text: `${m.name} - ${m.username}`, value: String(m.id) }));
}

/** The project's labels as the labels select offers them (by name: the REST API takes names). */
export async function labelOptions(gitlab: GitLabApi, projectId: number): Promise<FormOption[]> {
  const labels = await gitlab.projectLabels(projectId, '', PREFETCH_LIMIT);
  return labels.map((l) => ({ text: l.name, value: l.name }));
}

/**
 * Fetches, as the user, what Slack will ask for while they type (assignee and labels), so the
 * gateway answers Slack's options requests from Redis within its 3-second window. The form is
 * usable without them: a failure leaves the selects empty.
 */
export async function prefetchOptions(gitlab: GitLabApi, projectId: number): Promise<Record<string, FormOption[]>> {
  const [assignees, labels] = await Promise.allSettled([
    assigneeOptions(gitlab, projectId),
    labelOptions(gitlab, projectId),
  ]);
  return {
    [DeclareField.assignee]: assignees.status === 'fulfilled' ? assignees.value : [],
    [DeclareField.labels]: labels.status === 'fulfilled' ? labels.value : [],
  };
}
