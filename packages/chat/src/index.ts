export { CHAT_PLATFORMS, type ChatPlatform } from './platform';
export {
  ephemeral,
  inChannel,
  isEmptyMessage,
  type ChatAttachment,
  type ChatButton,
  type ChatButtons,
  type ChatField,
  type ChatMessage,
  type ChatReply,
  type ReplyVisibility,
} from './message/chat-message';
export { markdownLink, stripMarkup } from './message/markup';
export {
  renderMessage,
  renderNotification,
  renderReply,
  type ProviderBody,
  type RenderOptions,
} from './render/render-message';
export { ChatProviderError } from './chat-provider-error';
export { SlackBotSender, type SlackPostResult } from './slack/slack-bot-sender';
export { toChatProviderError } from './slack/slack-errors';
export { type SlackAttachment, type SlackMessageBody, type SlackReplyBody } from './slack/slack-message';
export {
  type MattermostAction,
  type MattermostAttachment,
  type MattermostMessageBody,
  type MattermostReplyBody,
} from './mattermost/mattermost-message';
export {
  canThread,
  platformOf,
  renderForDestination,
  storedProviderBody,
  type ChatDestination,
  type DeliveryTarget,
  type DestinationKind,
  type PostOptions,
  type PostResult,
} from './destinations/chat-destination';
export { ChatSenders } from './destinations/chat-senders';
export {
  signSlackRequest,
  verifySlackSignature,
  type SlackSignatureCheck,
  SLACK_SIGNATURE_TOLERANCE_SECONDS,
} from './slack/request-signature';
export { ResponseUrlReplier } from './destinations/response-url-replier';
export {
  formChoices,
  formText,
  type ChatForm,
  type FormConfirm,
  type FormElement,
  type FormOption,
  type FormRow,
  type FormValues,
} from './form/chat-form';
export { renderModal, type SlackModalView } from './form/render-modal';
export { renderDialog, type MattermostDialog, type MattermostDialogElement } from './form/render-dialog';
export { formElements, mattermostFormValues, slackFormValues } from './form/form-values';
export { filterOptions, FormSessions, type FormSession } from './form/form-sessions';
export { formStateKey, readFormState, signFormState } from './form/form-state-signature';
export { SlackAppClient } from './slack/slack-app-client';
export { MattermostDialogs, type MattermostAccess } from './mattermost/mattermost-dialogs';
export {
  CANNOT_PARSE_RESPONSE,
  MattermostSlashCommands,
  UNDEFINED_ERROR,
  type CreatedMattermostCommand,
  type MattermostCommandSpec,
  type MattermostTeamSummary,
} from './mattermost/mattermost-slash-commands';
export { postReply, type ReplyOutcome } from './destinations/post-reply';
