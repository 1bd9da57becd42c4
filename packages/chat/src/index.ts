export { ChatProviderError } from './chat-provider-error';
export { SlackBotSender, type SlackPostResult } from './slack/slack-bot-sender';
export { toChatProviderError } from './slack/slack-errors';
export { formatSlackLinks } from './slack/link-formatter';
export { renderSlackMessage } from './slack/render-slack';
export { type SlackAttachment, type SlackMessageBody } from './slack/slack-message';
