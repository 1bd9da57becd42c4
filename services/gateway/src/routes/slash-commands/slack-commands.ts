import { verifySlackSignature } from '@chatops/chat';
import { AppError, ErrorCode } from '@chatops/errors';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { neverFailToChat, type SlashAcknowledger } from './acknowledge';
import { acceptFormBodies, parseSlashCommandForm } from './form';
import { requireAllowedResponseUrl } from './response-url-policy';

export interface SlackCommandsOptions {
  acknowledger: SlashAcknowledger;
  /** The Slack app's signing secret; without it every request is refused (nothing can be verified). */
  signingSecret: string | undefined;
  now: () => number;
  /** Origins a response_url may have (SLACK_RESPONSE_URL_ORIGINS). */
  responseUrlOrigins: readonly string[];
}

/**
 * `POST /slack/commands`: Slack's signed slash-command requests. The signature (and its
 * 5-minute timestamp window) is checked before any field is read; the command is then queued
 * and acknowledged within milliseconds.
 */
export async function slackCommandRoutes(app: FastifyInstance, options: SlackCommandsOptions): Promise<void> {
  const { acknowledger } = options;
  acceptFormBodies(app);
  neverFailToChat(app, acknowledger.commands, 'slack');

  const verify = async (request: FastifyRequest) => {
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

  app.post('/slack/commands', { preHandler: verify }, async (request, reply) => {
    const form = parseSlashCommandForm(request.rawForm);
    requireAllowedResponseUrl('slack', form.response_url, options.responseUrlOrigins);
    // The signature is unique to this body and timestamp: seeing it twice means a replay.
    const replayKey = String(request.headers['x-slack-signature']);
    const body = await acknowledger.accept(request, { provider: 'slack', form, replayKey });
    return reply.status(200).send(body);
  });
}
