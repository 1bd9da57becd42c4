export { type NotificationMessage, type MessageAttachment } from './notification-message';
export { stripMarkup, markdownLink, neutraliseSlackLinks, firstLine, DEFAULT_ATTACHMENT_COLOR } from './markup';
export { buildPushMessage } from './push';
