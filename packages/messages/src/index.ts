export { type NotificationMessage, type MessageAttachment } from './notification-message';
export {
  stripMarkup,
  markdownLink,
  neutraliseSlackLinks,
  firstLine,
  userCombinedName,
  expandRelativeUploads,
  DEFAULT_ATTACHMENT_COLOR,
} from './markup';
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
