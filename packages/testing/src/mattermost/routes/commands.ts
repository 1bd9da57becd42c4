import { type FastifyInstance } from 'fastify';
import { isRecord, stringField } from '../../shared/body.js';
import { mattermostId } from '../../shared/ids.js';
import { MattermostError } from '../app-error.js';
import { type MattermostState } from '../mattermost-state.js';
import { type MattermostCommand, type MattermostCommandRun } from '../types.js';
import { requireUser } from './auth.js';

const MAX_TRIGGER_LENGTH = 128;

function text(body: Record<string, unknown>, key: string): string {
  return typeof body[key] === 'string' ? body[key] : '';
}

/** Mattermost's Command.IsValid rules for what a client can get wrong. */
function validate(command: MattermostCommand): void {
  const { trigger } = command;
  if (trigger === '' || trigger.length > MAX_TRIGGER_LENGTH || trigger.startsWith('/') || /\s/.test(trigger)) {
    throw new MattermostError('model.command.is_valid.trigger.app_error', 400);
  }
  if (!/^https?:\/\/\S+$/.test(command.url)) throw new MattermostError('model.command.is_valid.url.app_error', 400);
  if (command.method !== 'P' && command.method !== 'G')
    throw new MattermostError('model.command.is_valid.method.app_error', 400);
  // Go's len(): bytes, not characters.
  if (Buffer.byteLength(command.display_name) > 64)
    throw new MattermostError('model.command.is_valid.display_name.app_error', 400);
  if (Buffer.byteLength(command.description) > 128)
    throw new MattermostError('model.command.is_valid.description.app_error', 400);
}

export interface CommandRouteDeps {
  /** Runs a command line for a user in a channel, as the web app's `/…` does. */
  run(options: { userId: string; channelId: string; command: string }): Promise<MattermostCommandRun>;
}

/**
 * Custom slash commands: create (token generated), list per team, delete, execute. Permissions as
 * Mattermost's api4/command.go: `manage_own_slash_commands` in the team to create or delete (a
 * command in a team where the caller lacks it is "not found"), `manage_others_slash_commands` to
 * delete another user's.
 */
export function registerCommandRoutes(app: FastifyInstance, state: MattermostState, deps: CommandRouteDeps): void {
  app.post('/api/v4/commands', async (request, reply) => {
    const user = requireUser(state, request);
    const body = request.body;
    if (!isRecord(body)) throw MattermostError.invalidBody('command');
    const teamId = text(body, 'team_id');
    if (!state.canManageCommands(user.id, teamId)) throw MattermostError.permission();
    const now = state.now();
    const command: MattermostCommand = {
      id: mattermostId(),
      token: mattermostId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      creator_id: user.id,
      team_id: teamId,
      // App.CreateCommand lowers the trigger before looking for duplicates.
      trigger: text(body, 'trigger').toLowerCase(),
      method: text(body, 'method') as MattermostCommand['method'],
      username: text(body, 'username'),
      icon_url: text(body, 'icon_url'),
      auto_complete: body['auto_complete'] === true,
      auto_complete_desc: text(body, 'auto_complete_desc'),
      auto_complete_hint: text(body, 'auto_complete_hint'),
      display_name: text(body, 'display_name'),
      description: text(body, 'description'),
      url: text(body, 'url'),
      plugin_id: '',
    };
    for (const existing of state.commands.values()) {
      if (existing.team_id === teamId && existing.trigger === command.trigger)
        throw new MattermostError('api.command.duplicate_trigger.app_error', 400);
    }
    validate(command);
    state.commands.set(command.id, command);
    return reply.code(201).send(command);
  });

  app.get('/api/v4/commands', async (request) => {
    const user = requireUser(state, request);
    const teamId = isRecord(request.query) ? stringField(request.query['team_id']) : undefined;
    if (teamId === undefined || teamId === '')
      throw new MattermostError('api.context.invalid_url_param.app_error', 400, '', { Name: 'team_id' });
    if (!user.teamIds.has(teamId) && !state.hasRole(user.id, 'system_admin')) throw MattermostError.permission();
    // Only custom commands exist here; built-in ones (/away, /echo, …) are not modelled.
    return [...state.commands.values()].filter((command) => command.team_id === teamId);
  });

  app.delete<{ Params: { id: string } }>('/api/v4/commands/:id', async (request) => {
    const user = requireUser(state, request);
    const command = state.commands.get(request.params.id);
    // Not found, or in a team where the caller may not manage commands: the same 404, so ids do not leak.
    if (command === undefined || !state.canManageCommands(user.id, command.team_id))
      throw new MattermostError('store.sql_command.save.get.app_error', 404);
    if (command.creator_id !== user.id && !state.canManageOthersCommands(user.id, command.team_id))
      throw MattermostError.permission();
    state.commands.delete(command.id);
    return { status: 'OK' };
  });

  app.post('/api/v4/commands/execute', async (request) => {
    const user = requireUser(state, request);
    const body = isRecord(request.body) ? request.body : {};
    const run = await deps.run({
      userId: user.id,
      channelId: text(body, 'channel_id'),
      command: text(body, 'command'),
    });
    return isRecord(run.body) ? run.body : { text: String(run.body) };
  });
}
