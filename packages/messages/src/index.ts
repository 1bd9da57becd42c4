export { firstLine, toSentence, userCombinedName, expandRelativeUploads, DEFAULT_ATTACHMENT_COLOR } from './text';
export { buildPushMessage } from './push';
export { buildIssueMessage, type IssueNotificationKind } from './issue';
export { buildMergeRequestMessage } from './merge-request';
export { buildNoteMessage } from './note';
export { buildWikiPageMessage } from './wiki-page';
export { buildDeploymentMessage } from './deployment';
export { buildAlertMessage } from './alert';
export { buildPipelineMessage, formatDuration, type PipelineExtras } from './pipeline';
export { buildNotification, type BuildExtras, type BuiltNotification } from './registry';
export { type EventFacts, NO_FACTS } from './event-facts';
export { threadKeys, editsInPlace } from './thread-keys';
export {
  accessDeniedReply,
  deactivatedReply,
  errorReply,
  genericAccessDeniedReply,
  GITLAB_UNREACHABLE_TEXT,
  notFoundReply,
  projectNotFoundReply,
  unreachableReply,
} from './replies/access';
export { actionFailedReply } from './replies/action-failed';
