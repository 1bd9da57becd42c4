import { type FastifyReply } from 'fastify';
import { randomHex } from '../shared/ids.js';

/** Messages Mattermost's English translations give for the error ids the fake uses. */
const MESSAGES: Readonly<Record<string, string>> = {
  'api.context.session_expired.app_error': 'Invalid or expired session, please login again.',
  'api.context.permissions.app_error': 'You do not have the appropriate permissions.',
  'api.context.invalid_body_param.app_error': 'Invalid or missing {{.Name}} in request body.',
  'api.context.invalid_url_param.app_error': 'Invalid or missing {{.Name}} parameter in request URL.',
  'app.channel.get.existing.app_error': 'Unable to find the existing channel.',
  'app.team.get.find.app_error': 'Unable to find the existing team.',
  'app.user.missing_account.const': 'Unable to find the user.',
  'app.post.get.app_error': 'Unable to get the post.',
  'api.post.create_post.root_id.app_error': 'Invalid RootId parameter.',
  'api.post.create_post.can_not_post_to_deleted.error': 'Can not post to deleted channel.',
  'model.post.is_valid.msg.app_error': 'Invalid Message.',
  'model.command.is_valid.trigger.app_error': 'Invalid trigger.',
  'model.command.is_valid.url.app_error': 'Invalid URL.',
  'model.command.is_valid.method.app_error': 'Invalid Method.',
  'model.command.is_valid.display_name.app_error': 'Invalid title.',
  'model.command.is_valid.description.app_error': 'Invalid description.',
  'api.command.duplicate_trigger.app_error': 'This trigger word is already in use. Please choose another word.',
  'store.sql_command.save.get.app_error': 'Unable to get the command.',
  'api.command.execute_command.start.app_error': 'No command trigger found.',
  'api.command.execute_command.not_found.app_error':
    'Command with a trigger of \'{{.Trigger}}\' not found. To send a message beginning with "/", try adding an empty space at the beginning of the message.',
  'api.command.execute_command.failed.app_error': "Command with a trigger of '{{.Trigger}}' failed.",
  'api.command.execute_command.failed_resp.app_error':
    "Command with a trigger of '{{.Trigger}}' returned response {{.Status}}.",
  'web.incoming_webhook.parse.app_error': 'Unable to parse incoming data.',
  'web.incoming_webhook.text.app_error': 'No text specified.',
  'web.incoming_webhook.invalid.app_error': 'Invalid webhook.',
  'web.incoming_webhook.channel.app_error': "Couldn't find the channel.",
  'web.incoming_webhook.channel_locked.app_error': 'This webhook is not permitted to post to the requested channel.',
  'web.incoming_webhook.permissions.app_error': 'Inappropriate channel permissions.',
  'web.incoming_webhook.user.app_error': "Couldn't find the user.",
  'app.command_webhook.handle_command_webhook.parse': 'Unable to parse incoming data.',
  'app.command_webhook.get.missing': 'Unable to find the webhook.',
  'app.command_webhook.try_use.invalid': 'Invalid webhook.',
  'api.context.404.app_error': 'Sorry, we could not find the page.',
  'api.fake.injected_fault.app_error': 'Injected fault (FakeMattermost.failNext).',
  'interactive_message.decode_trigger_id.base64_decode_failed':
    'Failed to decode base64 for trigger ID for interactive dialog.',
  'interactive_message.decode_trigger_id.missing_data': 'Trigger ID missing required data for interactive dialog.',
  'interactive_message.decode_trigger_id.expired':
    'Trigger ID for interactive dialog is expired. Maximum TTL is {{.Seconds}} seconds.',
  'interactive_message.decode_trigger_id.verify_signature_failed':
    'Signature verification failed of trigger ID for interactive dialog.',
  'api.fake.dialog_invalid.app_error':
    'Interactive dialog is invalid: {{.Problems}} (Mattermost only logs this; the fake refuses it unless dialogValidation is "warn").',
  'api.post.do_action.action_id.app_error': 'Invalid action id.',
  'api.post.do_action.action_integration.app_error': 'Action integration error.',
};

/** Mattermost's `model.AppError`, rendered as `{ id, message, detailed_error, request_id, status_code }`. */
export class MattermostError extends Error {
  constructor(
    readonly id: string,
    readonly statusCode: number,
    readonly detailedError = '',
    params: Record<string, string> = {},
  ) {
    super((MESSAGES[id] ?? id).replace(/\{\{\.(\w+)\}\}/g, (_m, name: string) => params[name] ?? name));
    this.name = 'MattermostError';
  }

  static permission(): MattermostError {
    return new MattermostError('api.context.permissions.app_error', 403);
  }

  static invalidBody(name: string): MattermostError {
    return new MattermostError('api.context.invalid_body_param.app_error', 400, '', { Name: name });
  }
}

export function sendAppError(reply: FastifyReply, error: MattermostError): FastifyReply {
  const requestId = randomHex(13);
  return reply.code(error.statusCode).header('x-request-id', requestId).send({
    id: error.id,
    message: error.message,
    detailed_error: error.detailedError,
    request_id: requestId,
    status_code: error.statusCode,
  });
}
