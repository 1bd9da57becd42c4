import { randomUUID } from 'node:crypto';
import { type GitLabState } from '../gitlab-state.js';
import { type GitLabHookDelivery, type GitLabProjectHook, type HookEventFlag } from '../incident-types.js';
import { type GitLabIssue, type GitLabNote } from '../types.js';
import {
  hookProject,
  hookRepository,
  hookUser,
  issueChanges,
  issueHookAttributes,
  type IssueSnapshot,
  noteHookAttributes,
  type PayloadContext,
  snapshotIssue,
} from './hook-payloads.js';

/** The version GitLab names in `User-Agent: GitLab/<version>`. */
export const FAKE_GITLAB_VERSION = '17.5.0';
/** GitLab's default webhook timeout (`webhook_timeout`, 10 s). */
const HOOK_TIMEOUT_MS = 10_000;

export type IssueAction = 'open' | 'update' | 'close' | 'reopen';

/**
 * Sends project webhooks the way WebHookService does: a JSON POST per matching hook, fire and
 * forget (the API call that caused it does not wait), with GitLab's headers. Every delivery and its
 * answer is recorded; `settle()` waits for the ones in flight.
 */
export class HookDispatcher {
  readonly deliveries: GitLabHookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly state: GitLabState,
    private readonly baseUrl: () => string,
  ) {}

  /** A snapshot to pass back to `issueEvent` so an update's `changes` name what changed. */
  snapshot(issue: GitLabIssue): IssueSnapshot {
    return snapshotIssue(this.context(), issue);
  }

  /** Issue Hook / Confidential Issue Hook for an issue just opened, updated, closed or reopened by `userId`. */
  issueEvent(issue: GitLabIssue, action: IssueAction, userId: number, before?: IssueSnapshot): void {
    const ctx = this.context();
    const project = this.state.project(issue.projectId);
    const changes = issueChanges(action === 'open' ? undefined : before, snapshotIssue(ctx, issue));
    const assignees = issue.assigneeIds.map((id) => hookUser(ctx, this.state.users.get(id)));
    const attributes: Record<string, unknown> = { ...issueHookAttributes(ctx, issue), action };
    const payload: Record<string, unknown> = {
      object_kind: 'issue',
      event_type: issue.confidential ? 'confidential_issue' : 'issue',
      user: hookUser(ctx, this.state.users.get(userId)),
      project: hookProject(ctx, project),
      object_attributes: attributes,
      labels: attributes['labels'],
      changes,
      repository: hookRepository(ctx, project),
      ...(assignees.length === 0 ? {} : { assignees }),
    };
    if (issue.confidential) this.send(project.id, 'confidential_issues_events', 'Confidential Issue Hook', payload);
    else this.send(project.id, 'issues_events', 'Issue Hook', payload);
  }

  /** Note Hook, or Confidential Note Hook for internal notes and notes on confidential issues. */
  noteEvent(note: GitLabNote, issue: GitLabIssue): void {
    const ctx = this.context();
    const project = this.state.project(issue.projectId);
    const confidential = note.internal || issue.confidential;
    const payload: Record<string, unknown> = {
      object_kind: 'note',
      event_type: confidential ? 'confidential_note' : 'note',
      user: hookUser(ctx, this.state.users.get(note.authorId)),
      project_id: project.id,
      project: hookProject(ctx, project),
      object_attributes: noteHookAttributes(ctx, note, issue),
      repository: hookRepository(ctx, project),
      issue: issueHookAttributes(ctx, issue),
    };
    if (confidential) this.send(project.id, 'confidential_note_events', 'Confidential Note Hook', payload);
    else this.send(project.id, 'note_events', 'Note Hook', payload);
  }

  /** Resolves once every delivery started so far has been answered or has failed. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  private context(): PayloadContext {
    return { state: this.state, baseUrl: this.baseUrl() };
  }

  private send(projectId: number, flag: HookEventFlag, event: string, payload: Record<string, unknown>): void {
    const eventUuid = randomUUID();
    for (const hook of this.state.hooks.values()) {
      if (hook.projectId !== projectId || !hook.events[flag]) continue;
      const delivery = this.deliver(hook, event, eventUuid, payload);
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  private async deliver(
    hook: GitLabProjectHook,
    event: string,
    eventUuid: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': `GitLab/${FAKE_GITLAB_VERSION}`,
      'x-gitlab-event': event,
      'x-gitlab-instance': this.baseUrl(),
      'x-gitlab-webhook-uuid': randomUUID(),
      'x-gitlab-event-uuid': eventUuid,
      'idempotency-key': randomUUID(),
      ...(hook.token === null ? {} : { 'x-gitlab-token': hook.token }),
    };
    const delivery: GitLabHookDelivery = {
      hookId: hook.id,
      url: hook.url,
      event,
      headers,
      payload,
      status: undefined,
      responseBody: undefined,
      error: undefined,
      at: this.state.now(),
    };
    this.deliveries.push(delivery);
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(HOOK_TIMEOUT_MS),
      });
      delivery.status = response.status;
      delivery.responseBody = await response.text();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
  }
}
