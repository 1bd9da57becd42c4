import {
  type MattermostAccess,
  ChatProviderError,
  type MattermostSlashCommands,
  type MattermostTeamSummary,
} from '@chatops/chat';
import {
  type AuditContext,
  createAuditedMattermostCommand,
  type Db,
  deleteAuditedMattermostCommand,
  findMattermostCommandByTrigger,
  findMattermostCommandWithConnection,
  type MattermostCommandView,
  type MattermostConnection,
  type SecretBox,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import {
  commandSpecOf,
  MATTERMOST_TRIGGER_PATTERN,
  MATTERMOST_TRIGGER_RULE,
  type SuggestionProject,
  suggestMattermostCommand,
} from './command-suggestion';

/** What setting commands up in Mattermost needs; the caller (gateway, CLI) builds the clients. */
export interface MattermostSetupDeps {
  db: Db;
  box: SecretBox;
  mattermost: MattermostSlashCommands;
  publicUrl: string;
}

/** Mattermost's text for a trigger its team already has; chatops says the same for one it has registered. */
export const TRIGGER_TAKEN = 'This trigger word is already in use. Please choose another word.';

type ConnectionWithToken = Pick<MattermostConnection, 'name' | 'url' | 'botTokenSealed'>;

/** The server and token chatops acts with; a connection without a token cannot manage commands. */
export function connectionAccess(box: SecretBox, connection: ConnectionWithToken, toDo: string): MattermostAccess {
  if (!connection.botTokenSealed)
    throw new AppError(
      ErrorCode.BadRequest,
      `Mattermost connection ${connection.name} has no token to ${toDo} with: give it a system or team admin's ` +
        'personal access token, or a bot token with the manage_own_slash_commands permission',
    );
  return { serverUrl: connection.url, token: box.open(connection.botTokenSealed) };
}

/**
 * A failure of Mattermost's in the admin API's terms, with Mattermost's own message (as GitLab
 * shows it): a taken trigger is `conflict` (409), a token Mattermost refuses `chat_forbidden`
 * (403), a server the outbound guard refuses `bad_request` (400), the rest `chat_unavailable` or
 * `chat_rejected` (502). Anything else is rethrown as it is.
 */
export function mattermostSetupError(error: unknown): unknown {
  if (!(error instanceof ChatProviderError)) return error;
  const message = error.detail ?? error.message;
  const details = { providerError: error.providerError, mattermostStatus: error.providerHttpStatus ?? null };
  if (error.providerError === 'api.command.duplicate_trigger.app_error')
    return new AppError(ErrorCode.Conflict, message, { details, cause: error });
  if (error.providerHttpStatus === 401 || error.providerHttpStatus === 403)
    return new AppError(ErrorCode.ChatForbidden, message, { details, cause: error });
  // The connection's URL is internal and OUTBOUND_ALLOWED_HOSTS does not allow it: a setting to change.
  if (error.providerError === 'outbound_refused')
    return new AppError(ErrorCode.BadRequest, message, { details, cause: error });
  return new AppError(error.code, message, { details, retryable: error.retryable, cause: error });
}

/** The teams the connection's token belongs to (where it may be able to create commands). */
export async function listMattermostTeams(
  deps: Pick<MattermostSetupDeps, 'box' | 'mattermost'>,
  connection: ConnectionWithToken,
): Promise<MattermostTeamSummary[]> {
  const access = connectionAccess(deps.box, connection, 'list teams');
  return deps.mattermost.teams(access).catch((error: unknown) => {
    throw mattermostSetupError(error);
  });
}

export interface CommandCreation {
  connection: Pick<MattermostConnection, 'id' | 'name' | 'url' | 'botTokenSealed'>;
  teamId: string;
  /** Serve this project only; null for the shared command (projects by path or alias). */
  project: SuggestionProject | null;
  /** The trigger word (default: GitLab's suggestion), with or without the slash. */
  trigger?: string | undefined;
}

/**
 * GitLab's "Add to Mattermost": creates the command in Mattermost with the suggested values and
 * registers it here by the token Mattermost generated (its digest) and Mattermost's id, audited.
 * A trigger already registered here for the team is refused before Mattermost is asked; should
 * registering fail after Mattermost made the command, the command is deleted there again.
 */
export async function createMattermostCommandInMattermost(
  deps: MattermostSetupDeps,
  input: CommandCreation,
  audit: AuditContext,
): Promise<MattermostCommandView> {
  const suggestion = suggestMattermostCommand(deps.publicUrl, input.project);
  const trigger = (input.trigger ?? suggestion.trigger).replace(/^\//, '').toLowerCase();
  if (!MATTERMOST_TRIGGER_PATTERN.test(trigger))
    throw new AppError(ErrorCode.BadRequest, `trigger: ${MATTERMOST_TRIGGER_RULE}`);
  const { connection, teamId } = input;
  const registered = await findMattermostCommandByTrigger(deps.db, { connectionId: connection.id, teamId, trigger });
  if (registered) throw new AppError(ErrorCode.Conflict, TRIGGER_TAKEN, { details: { commandId: registered.id } });
  const access = connectionAccess(deps.box, connection, 'create commands');
  const created = await deps.mattermost.create(access, commandSpecOf(suggestion, teamId, trigger)).catch((error) => {
    throw mattermostSetupError(error);
  });
  try {
    return await createAuditedMattermostCommand(
      deps.db,
      {
        connectionId: connection.id,
        teamId,
        trigger: created.trigger,
        token: created.token,
        projectId: input.project?.id ?? null,
        remoteId: created.id,
      },
      audit,
    );
  } catch (error) {
    // Not left behind answering nothing: the registration lost a race or the database is down.
    await deps.mattermost.delete(access, created.id).catch(() => undefined);
    throw error;
  }
}

/** What became of the command in Mattermost when it was deleted here. */
export type RemoteDeletion =
  /** Deleted there too. */
  | 'deleted'
  /** Mattermost no longer had it (or the connection's token may no longer manage it: it answers 404 either way). */
  | 'already_deleted'
  /** Left there, as asked. */
  | 'kept'
  /** Registered by token, not created by chatops: delete it in Mattermost by hand. */
  | 'not_created_here';

export interface CommandDeletion {
  id: string;
  trigger: string;
  remote: RemoteDeletion;
  /** The outcome in words, for people. */
  message: string;
}

/**
 * Deletes a command here and, when chatops created it in Mattermost (and `keepRemote` is not
 * set), there first; null when there is no such command. If Mattermost cannot be reached or
 * refuses, nothing is deleted here (try again, or keep it there).
 */
export async function deleteMattermostCommandEverywhere(
  deps: Pick<MattermostSetupDeps, 'db' | 'box' | 'mattermost'>,
  id: string,
  options: { keepRemote?: boolean | undefined },
  audit: AuditContext,
): Promise<CommandDeletion | null> {
  const command = await findMattermostCommandWithConnection(deps.db, id);
  if (!command) return null;
  let remote: RemoteDeletion = 'not_created_here';
  if (command.remoteId && options.keepRemote) remote = 'kept';
  else if (command.remoteId) {
    const access = connectionAccess(deps.box, command.connection, 'delete it in Mattermost');
    const outcome = await deps.mattermost.delete(access, command.remoteId).catch((error: unknown) => {
      throw mattermostSetupError(error);
    });
    remote = outcome === 'deleted' ? 'deleted' : 'already_deleted';
  }
  const deleted = await deleteAuditedMattermostCommand(deps.db, id, {
    actor: audit.actor,
    details: { ...audit.details, remote },
  });
  if (!deleted) return null;
  return {
    id,
    trigger: command.trigger,
    remote,
    message: deletionMessage(command.trigger, command.connection.name, remote),
  };
}

function deletionMessage(trigger: string, connection: string, remote: RemoteDeletion): string {
  const here = `/${trigger} no longer answers`;
  switch (remote) {
    case 'deleted':
      return `${here}; deleted in Mattermost (${connection}) too`;
    case 'already_deleted':
      return `${here}; Mattermost (${connection}) no longer had it (already deleted there, or the connection's token may not manage it)`;
    case 'kept':
      return `${here}; left in Mattermost (${connection}) as asked: delete it there by hand`;
    case 'not_created_here':
      return `${here}; it was registered by its token, so delete it in Mattermost (${connection}) by hand`;
  }
}
