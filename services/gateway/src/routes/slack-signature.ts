import { verifySlackSignature } from '@chatops/chat';
import { AppError, ErrorCode } from '@chatops/errors';
import { type SlackAppConfigSource } from '@chatops/slack-app';
import { type FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** A JSON body exactly as received (Slack signs these bytes: events); forms keep theirs in `rawForm`. */
    rawJsonBody?: Buffer;
  }
}

/**
 * A preHandler that refuses a request unless the Slack app is enabled and the request carries a
 * valid Slack request signature (v0 HMAC over the raw body with the signing secret in effect,
 * timestamp within 5 minutes): slash commands, interactions, options and events are all signed
 * this way. Nothing of the body is read before it passes. The secret comes from the app's settings
 * (environment over database) through their short cache, so a new one applies without a restart.
 */
export function slackSignatureCheck(options: { slackApp: SlackAppConfigSource; now: () => number }) {
  return async (request: FastifyRequest): Promise<void> => {
    const app = await options.slackApp.current();
    if (!app.enabled) throw new AppError(ErrorCode.SlackAppDisabled, 'the Slack app is turned off on this server');
    const signingSecret = app.credentials.signingSecret.value;
    if (!signingSecret)
      throw new AppError(
        ErrorCode.Unauthorized,
        'Slack is not configured on this server: no signing secret (SLACK_SIGNING_SECRET, or the Slack app settings)',
      );
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const check = verifySlackSignature(
      signingSecret,
      {
        timestamp: header('x-slack-request-timestamp'),
        signature: header('x-slack-signature'),
        body: request.rawForm ?? request.rawJsonBody ?? Buffer.alloc(0),
      },
      Math.floor(options.now() / 1000),
    );
    if (check === 'stale')
      throw new AppError(ErrorCode.StaleTimestamp, 'X-Slack-Request-Timestamp is more than 5 minutes away');
    if (check === 'missing')
      throw new AppError(ErrorCode.InvalidSignature, 'X-Slack-Signature and X-Slack-Request-Timestamp are required');
    if (check === 'mismatch') throw new AppError(ErrorCode.InvalidSignature, 'X-Slack-Signature does not match');
  };
}
