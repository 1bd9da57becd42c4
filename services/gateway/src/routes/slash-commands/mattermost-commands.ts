import { hashSecret, type MattermostCommandWithServer, secretMatches } from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { type TtlCache } from '@chatops/runtime';
import { type FastifyInstance } from 'fastify';
import { neverFailToChat, type SlashAcknowledger } from './acknowledge';
import { acceptFormBodies, parseSlashCommandForm } from './form';
import { originsOf, requireAllowedResponseUrl } from './response-url-policy';

export interface MattermostCommandsOptions {
  acknowledger: SlashAcknowledger;
  /** Commands by token digest (cached: every request looks one up). */
  commandsByTokenHash: TtlCache<MattermostCommandWithServer>;
  /** Origins a response_url may have besides the command's own Mattermost server (MATTERMOST_RESPONSE_URL_ORIGINS). */
  responseUrlOrigins: readonly string[];
}

/** Mattermost sends the command's token as `Authorization: Token <token>` and as the form field `token`. */
function presentedToken(authorization: string | undefined, formToken: string | undefined): string | undefined {
  const match = /^Token\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1] ?? formToken;
}

/**
 * `POST /mattermost/commands`: a Mattermost slash command, authenticated by the token Mattermost
 * generated for it, compared in constant time against the stored digest of a configured command.
 */
export async function mattermostCommandRoutes(app: FastifyInstance, options: MattermostCommandsOptions): Promise<void> {
  const { acknowledger } = options;
  acceptFormBodies(app);
  neverFailToChat(app, acknowledger.commands, 'mattermost');

  app.post('/mattermost/commands', async (request, reply) => {
    const form = parseSlashCommandForm(request.rawForm);
    const token = presentedToken(request.headers.authorization, form.token);
    if (!token)
      throw new AppError(
        ErrorCode.InvalidToken,
        'the command token is required (Authorization: Token … or the token field)',
      );
    const command = await options.commandsByTokenHash.get(hashSecret(token)).catch((error: unknown) => {
      throw new AppError(ErrorCode.DatabaseUnavailable, 'could not look up the command', {
        retryable: true,
        cause: error,
      });
    });
    if (!command || !secretMatches(token, command.tokenHash) || command.teamId !== form.team_id) {
      throw new AppError(ErrorCode.InvalidToken, 'unknown command token');
    }
    // Mattermost builds response_url from its Site URL: usually the URL we reach the server by.
    requireAllowedResponseUrl('mattermost', form.response_url, [
      ...originsOf(command.connection.url),
      ...options.responseUrlOrigins,
    ]);
    const body = await acknowledger.accept(request, {
      provider: 'mattermost',
      form,
      replayKey: form.trigger_id,
      mattermostCommandId: command.id,
    });
    return reply.status(200).send(body);
  });
}
