import { AppError, ErrorCode } from '@chatops/errors';
import {
  alertEventSchema,
  type AlertEvent,
  deploymentEventSchema,
  type EventKind,
  eventKindOf,
  issueEventSchema,
  type IssueEvent,
  mergeRequestEventSchema,
  type MergeRequestEvent,
  noteEventSchema,
  pipelineEventSchema,
  pushEventSchema,
  type WebhookLabel,
  wikiPageEventSchema,
} from '@chatops/gitlab';
import { buildAlertMessage } from './alert';
import { buildDeploymentMessage } from './deployment';
import { type EventFacts, NO_FACTS } from './event-facts';
import { type ChatMessage } from '@chatops/chat';
import { buildIssueMessage, type IssueNotificationKind } from './issue';
import { buildMergeRequestMessage } from './merge-request';
import { buildNoteMessage } from './note';
import { buildPipelineMessage, type PipelineExtras } from './pipeline';
import { buildPushMessage } from './push';
import { threadKeys } from './thread-keys';
import { buildWikiPageMessage } from './wiki-page';

/** A notification ready to render, with the facts its filters need. */
export interface BuiltNotification {
  kind: EventKind;
  message: ChatMessage;
  facts: EventFacts;
}

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error };
}

/** Data from GitLab's API that some messages show when it could be fetched. */
export interface BuildExtras {
  pipeline?: PipelineExtras;
}

/** How one event kind becomes a message: its payload schema, its builder and its facts. */
interface BuilderEntry<T> {
  schema: Schema<T>;
  /** Null when GitLab would not notify for this payload (an issue update, say). */
  build(event: T, kind: EventKind, extras: BuildExtras): ChatMessage | null;
  facts(event: T): EventFacts;
}

function entry<T>(e: BuilderEntry<T>): BuilderEntry<unknown> {
  return e as BuilderEntry<unknown>;
}

const push = entry({
  schema: pushEventSchema,
  build: buildPushMessage,
  facts: (event) => ({
    ...NO_FACTS,
    ref: event.ref,
    defaultBranch: event.project.default_branch ?? undefined,
    refProtected: event.ref_protected,
  }),
});

/** GitLab reads labels from the first of these that the payload has. */
function labelsOf(...candidates: Array<WebhookLabel[] | null | undefined>): string[] | undefined {
  const labels = candidates.find((c) => c !== null && c !== undefined);
  return labels?.map((l) => l.title);
}

/** Issues and merge requests (GitLab builds both hooks alike): their labels, one thread per issuable. */
function issuableFacts(
  event: IssueEvent | MergeRequestEvent,
  threadKey: (projectId: number, iid: number) => string,
): EventFacts {
  return {
    ...NO_FACTS,
    labels: labelsOf(event.labels, event.object_attributes.labels),
    threadKey: threadKey(event.project.id, event.object_attributes.iid),
  };
}

const issue = entry({
  schema: issueEventSchema,
  build: (event, kind) => buildIssueMessage(event, kind as IssueNotificationKind),
  facts: (event) => ({
    ...issuableFacts(event, threadKeys.issue),
    confidential: event.object_attributes.confidential === true,
  }),
});

const mergeRequest = entry({
  schema: mergeRequestEventSchema,
  build: buildMergeRequestMessage,
  facts: (event) => issuableFacts(event, threadKeys.mergeRequest),
});

const note = entry({
  schema: noteEventSchema,
  build: buildNoteMessage,
  facts: (event) => ({
    ...NO_FACTS,
    labels: labelsOf(event.issue?.labels, event.merge_request?.labels),
    // A comment replies in the thread of the issue or merge request it is on.
    threadKey: event.issue
      ? threadKeys.issue(event.project.id, event.issue.iid)
      : event.merge_request
        ? threadKeys.mergeRequest(event.project.id, event.merge_request.iid)
        : undefined,
  }),
});

const pipeline = entry({
  schema: pipelineEventSchema,
  // GitLab adds the commit title and YAML errors from its database; the notifier fetches them
  // from the API when it can, and the message degrades to what the payload carries when not.
  build: (event, _kind, extras) => buildPipelineMessage(event, extras.pipeline),
  facts: (event) => ({
    ...NO_FACTS,
    // Pipeline refs are bare names; tags must still be recognisable as tags by the ref filter.
    ref: event.object_attributes.tag ? `refs/tags/${event.object_attributes.ref}` : event.object_attributes.ref,
    defaultBranch: event.project.default_branch ?? undefined,
    pipeline: {
      status: event.object_attributes.status,
      refStatusName: event.object_attributes.ref_status_name ?? undefined,
    },
    threadKey: threadKeys.pipeline(event.project.id, event.object_attributes.id),
  }),
});

const wikiPage = entry({ schema: wikiPageEventSchema, build: buildWikiPageMessage, facts: () => NO_FACTS });

const deployment = entry({
  schema: deploymentEventSchema,
  build: buildDeploymentMessage,
  facts: (event) => ({
    ...NO_FACTS,
    ref: event.ref ?? undefined,
    defaultBranch: event.project.default_branch ?? undefined,
  }),
});

/**
 * The project an alert fired in: the name the poller merged in, as GitLab's integration does; else
 * the project's path, read off the alert's URL (`<project>/-/alert_management/<iid>/details`).
 */
function alertProjectName(event: AlertEvent): string {
  if (event.project_name) return event.project_name;
  const path = /^https?:\/\/[^/]+\/(.+?)\/-\//.exec(event.object_attributes.url)?.[1];
  return path ?? 'a project';
}

// No webhook carries alerts: the incident service polls them and queues each new one as an
// ALERT_EVENT_NAME event (see services/incident/src/alerts).
const alert = entry({
  schema: alertEventSchema,
  build: (event) => buildAlertMessage(event, alertProjectName(event)),
  facts: () => NO_FACTS,
});

/** One entry per event kind; a kind without one is not notified. */
const BUILDERS: Partial<Record<EventKind, BuilderEntry<unknown>>> = {
  push,
  tag_push: push,
  issue,
  confidential_issue: issue,
  incident: issue,
  merge_request: mergeRequest,
  note,
  confidential_note: note,
  pipeline,
  wiki_page: wikiPage,
  deployment,
  alert,
};

/**
 * The notification for a GitLab webhook (`X-Gitlab-Event` and its JSON payload), or null when
 * there is none to send. A payload that does not match its event's shape is the sender's fault:
 * AppError `malformed_body`, never retried.
 */
export function buildNotification(
  eventName: string,
  payload: Record<string, unknown>,
  extras: BuildExtras = {},
): BuiltNotification | null {
  const kind = eventKindOf(eventName, payload);
  const builder = kind ? BUILDERS[kind] : undefined;
  if (!kind || !builder) return null;
  const parsed = builder.schema.safeParse(payload);
  if (!parsed.success)
    throw new AppError(
      ErrorCode.MalformedBody,
      `payload does not match a ${eventName}: ${describeIssue(parsed.error)}`,
    );
  const message = builder.build(parsed.data, kind, extras);
  return message ? { kind, message, facts: builder.facts(parsed.data) } : null;
}

/** The first schema problem, on one line (`project.web_url: expected string`). */
function describeIssue(error: Error): string {
  const issue = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues?.[0];
  return issue
    ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`
    : (error.message.split('\n')[0] ?? 'invalid');
}
