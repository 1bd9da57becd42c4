export { ChatProviderError } from './chat-provider-error';
export { SlackBotSender, type SlackPostResult } from './slack/slack-bot-sender';
export { toChatProviderError } from './slack/slack-errors';
export { formatSlackLinks } from './slack/link-formatter';
export { renderSlackMessage } from './slack/render-slack';
export { type SlackAttachment, type SlackMessageBody } from './slack/slack-message';
export {
  renderMattermostMessage,
  type MattermostAttachment,
  type MattermostMessageBody,
} from './mattermost/render-mattermost';
export {
  canThread,
  isSlackDestination,
  renderForDestination,
  type ChatDestination,
  type DeliveryTarget,
  type DestinationKind,
  type PostOptions,
  type PostResult,
  type ProviderBody,
} from './destinations/chat-destination';
export { ChatSenders } from './destinations/chat-senders';
export {
  signSlackRequest,
  verifySlackSignature,
  type SlackSignatureCheck,
  SLACK_SIGNATURE_TOLERANCE_SECONDS,
} from './slack/request-signature';
export { ResponseUrlReplier, type ChatProviderName } from './destinations/response-url-replier';
