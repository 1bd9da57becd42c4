import { type SlackAppConfigSource } from '@chatops/slack-app';
import { type FastifyInstance } from 'fastify';
import { slackSignatureCheck } from '../slack-signature';
import { neverFailToChat, type SlashAcknowledger } from './acknowledge';
import { acceptFormBodies, parseSlashCommandForm } from './form';
import { requireAllowedResponseUrl } from './response-url-policy';

export interface SlackCommandsOptions {
  acknowledger: SlashAcknowledger;
  /** The Slack app's settings in effect: without a signing secret every request is refused. */
  slackApp: SlackAppConfigSource;
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

  const verify = slackSignatureCheck(options);

  app.post('/slack/commands', { preHandler: verify }, async (request, reply) => {
    const form = parseSlashCommandForm(request.rawForm);
    requireAllowedResponseUrl('slack', form.response_url, options.responseUrlOrigins);
    // The signature is unique to this body and timestamp: seeing it twice means a replay.
    const replayKey = String(request.headers['x-slack-signature']);
    const body = await acknowledger.accept(request, { provider: 'slack', form, replayKey });
    return reply.status(200).send(body);
  });
}
