import { type ChatPlatform } from '@chatops/chat';
import { AppError, ErrorCode } from '@chatops/errors';

/** The variable an operator sets to allow another origin, per provider. */
const SETTING: Record<ChatPlatform, string> = {
  slack: 'SLACK_RESPONSE_URL_ORIGINS',
  mattermost: 'MATTERMOST_RESPONSE_URL_ORIGINS',
};

/**
 * The command-handler posts each command's reply to the response_url the request names, from
 * inside our network. A URL that does not lead back to the chat that sent the command would turn
 * that post into a request to wherever the sender likes (an internal service, a metadata
 * endpoint): a command whose response_url is not on an allowed origin is refused (400) before
 * anything is queued. Slack's requests are signed, so this guards against a leaked signing
 * secret; Mattermost's carry only a token, which anyone who can see the command's settings holds.
 */
export function requireAllowedResponseUrl(
  provider: ChatPlatform,
  responseUrl: string,
  allowedOrigins: readonly string[],
): void {
  const origin = new URL(responseUrl).origin;
  if (allowedOrigins.includes(origin)) return;
  // The allowed origins are not named: a Mattermost server's may be an internal address, and the
  // caller holds only a command token.
  throw new AppError(
    ErrorCode.ValidationFailed,
    `response_url must lead back to ${provider === 'slack' ? 'Slack' : 'the Mattermost server that sent the command'}; ${origin} is not an allowed origin (an operator can allow it in ${SETTING[provider]})`,
    { details: { fields: ['response_url'] } },
  );
}

/** A stored server URL's origin, or none when it does not parse (then only the setting's origins are allowed). */
export function originsOf(url: string): string[] {
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}
