import { verifySlackSignature } from '@chatops/chat';
import { AppError, ErrorCode } from '@chatops/errors';
import { type FastifyRequest } from 'fastify';

/**
 * A preHandler that refuses a request unless it carries a valid Slack request signature (v0
 * HMAC over the raw form body, timestamp within 5 minutes): slash commands, interactions and
 * options requests are all signed this way. Nothing of the body is read before it passes.
 */
export function slackSignatureCheck(options: { signingSecret: string | undefined; now: () => number }) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!options.signingSecret)
      throw new AppError(ErrorCode.Unauthorized, 'Slack is not configured on this server (SLACK_SIGNING_SECRET)');
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const check = verifySlackSignature(
      options.signingSecret,
      {
        timestamp: header('x-slack-request-timestamp'),
        signature: header('x-slack-signature'),
        body: request.rawForm ?? Buffer.alloc(0),
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
