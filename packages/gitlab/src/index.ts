export { GITLAB_EVENT_NAMES, isKnownGitlabEvent, readWebhookHeaders, type GitlabEventName, type WebhookHeaders } from './webhook-headers';
export { EVENT_KINDS, eventKindOf, isEventKind, type EventKind } from './events/event-kind';
export { pushEventSchema, isTagRef, refName, isZeroSha, type PushEvent } from './events/push-event';
export { projectSchema, projectFullName, type WebhookProject } from './events/project';
export { signWebhook, verifyWebhookSignature, SIGNATURE_TOLERANCE_SECONDS, type SignatureCheck, type SignedRequest } from './webhook-signature';
export { nestsDeeperThan } from './json-depth';
