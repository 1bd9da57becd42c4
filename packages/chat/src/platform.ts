/** The chats chatops talks to. Job payloads, replies, renderers and identities all name one of these. */
export const CHAT_PLATFORMS = ['slack', 'mattermost'] as const;

export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];
