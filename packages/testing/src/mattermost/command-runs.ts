import { isRecord, parseJson } from '../shared/body.js';
import { MattermostError } from './app-error.js';
import { type MattermostState } from './mattermost-state.js';
import { type MattermostCommandRun } from './types.js';

// Mattermost's outgoing integration request timeout (OutgoingIntegrationRequestsTimeout, 30 s).
const APP_TIMEOUT_MS = 30_000;

export interface CommandRunDeps {
  state: MattermostState;
  /** A trigger id for the user, valid as the fake's dialogs expect. */
  issueTrigger(userId: string, context: { channelId: string; teamId: string }): string;
  /** A fresh response URL for the invocation (`${url}/hooks/commands/<id>`). */
  createResponseUrl(context: { channelId: string; userId: string }): string;
}

/**
 * What Mattermost does when a user types `/<trigger> <text>` in a channel and the trigger is a
 * custom command of the channel's team (App.tryExecuteCustomCommand and DoCommandRequest): a form
 * POST (or a GET with the same fields in the query) to the command's URL with the command's token
 * as `Authorization: Token …`; a 200 `in_channel` answer with text becomes a post by the user.
 */
export async function runSlashCommand(
  deps: CommandRunDeps,
  options: { userId: string; channelId: string; command: string },
): Promise<MattermostCommandRun> {
  const { state } = deps;
  const commandLine = options.command.trim();
  if (!commandLine.startsWith('/') || commandLine.length <= 1)
    throw new MattermostError('api.command.execute_command.start.app_error', 400);
  const channel = state.channels.get(options.channelId);
  const user = state.users.get(options.userId);
  if (channel === undefined || user === undefined || !state.canPost(user.id, channel))
    throw MattermostError.permission();
  const [word = '', ...rest] = commandLine.split(' ');
  const trigger = word.slice(1).toLowerCase();
  const command = [...state.commands.values()].find((c) => c.team_id === channel.teamId && c.trigger === trigger);
  if (command === undefined)
    throw new MattermostError('api.command.execute_command.not_found.app_error', 404, '', { Trigger: trigger });
  const triggerId = deps.issueTrigger(user.id, { channelId: channel.id, teamId: channel.teamId });
  const responseUrl = deps.createResponseUrl({ channelId: channel.id, userId: user.id });
  const form: Record<string, string> = {
    token: command.token,
    team_id: command.team_id,
    team_domain: state.teams.get(command.team_id)?.name ?? '',
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: user.id,
    user_name: user.username,
    command: `/${trigger}`,
    text: rest.join(' ').trim(),
    trigger_id: triggerId,
    response_url: responseUrl,
  };
  const query = new URLSearchParams(form).toString();
  const url = command.method === 'G' ? `${command.url}${command.url.includes('?') ? '&' : '?'}${query}` : command.url;
  let response: Response;
  try {
    response = await fetch(url, {
      method: command.method === 'G' ? 'GET' : 'POST',
      headers: {
        accept: 'application/json',
        authorization: `Token ${command.token}`,
        ...(command.method === 'G' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(command.method === 'G' ? {} : { body: query }),
      signal: AbortSignal.timeout(APP_TIMEOUT_MS),
    });
  } catch (error) {
    throw new MattermostError('api.command.execute_command.failed.app_error', 500, String(error), { Trigger: trigger });
  }
  const text = await response.text();
  const parsed = text.trim() === '' ? '' : parseJson(text);
  const body = isRecord(parsed) ? parsed : text;
  if (response.status !== 200)
    throw new MattermostError('api.command.execute_command.failed_resp.app_error', 500, text.slice(0, 500), {
      Trigger: trigger,
      Status: `${response.status} ${response.statusText}`.trim(),
    });
  const message = isRecord(body) ? body['text'] : body;
  if (isRecord(body) && body['response_type'] === 'in_channel' && typeof message === 'string' && message !== '')
    state.newPost({ user_id: user.id, channel_id: channel.id, message });
  return { status: response.status, body, form, responseUrl, triggerId };
}
