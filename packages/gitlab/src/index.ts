export {
  GITLAB_EVENT_NAMES,
  isKnownGitlabEvent,
  readWebhookHeaders,
  type GitlabEventName,
  type WebhookHeaders,
} from './webhook-headers';
export {
  ALERT_EVENT_NAME,
  EVENT_KINDS,
  eventKindOf,
  isEventKind,
  LABELLED_EVENT_KINDS,
  type EventKind,
} from './events/event-kind';
export { PROJECT_HOOK_EVENT_FLAGS, projectHookEventFlags, type ProjectHookEventFlag } from './events/hook-events';
export { describeRoutingShapeProblem, payloadProjectId } from './events/routing-shape';
export { pushEventSchema, isTagRef, refName, isZeroSha, type PushEvent } from './events/push-event';
export { projectSchema, projectFullName, type WebhookProject } from './events/project';
export {
  signWebhook,
  verifyWebhookSignature,
  SIGNATURE_TOLERANCE_SECONDS,
  type SignatureCheck,
  type SignedRequest,
} from './webhook-signature';
export { mayNestDeeperThan, nestsDeeperThan } from './json-depth';
export { jsonTextMayHoldUnstorable, storableString, withStorableStrings } from './storable-strings';
export * from './events/user';
export { webhookLabelSchema, type WebhookLabel } from './events/issuable-event';
export * from './events/issue-event';
export * from './events/merge-request-event';
export * from './events/note-event';
export * from './events/wiki-page-event';
export * from './events/deployment-event';
export * from './events/alert-event';
export * from './events/pipeline-event';
export {
  GitLabApi,
  GitLabClient,
  type GitLabClientOptions,
  type GraphQLAccess,
  type IncidentInput,
} from './api/gitlab-client';
export { GitLabGraphQLError } from './api/gitlab-graphql';
export * from './api/types';
export { fetchPipelineDetails, type PipelineDetails } from './api/pipeline-details';
export { fetchCurrentUser, type GitLabAccount } from './api/current-user';
export { gitlabFailureOf, gitlabUnavailable, validationMessages, type GitLabApiFailure } from './api/api-failure';
