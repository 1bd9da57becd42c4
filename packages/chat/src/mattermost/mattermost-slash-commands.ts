import { type Client4 } from '@mattermost/client';
import { type OutboundGuard, outboundRefusalIn } from '@chatops/outbound';
import { causeOf, ChatProviderError } from '../chat-provider-error';
import { GuardedClient4 } from './guarded-client4';
import { type MattermostAccess } from './mattermost-dialogs';

/** A team the token's user belongs to, as `GET /api/v4/users/me/teams` lists it. */
export interface MattermostTeamSummary {
  id: string;
  /** The team's URL name (`acme` in `https://mattermost.example.com/acme`). */
  name: string;
  displayName: string;
  /** `O` open to anyone on the server, `I` invite only. */
  type: string;
}

/** A custom slash command as `POST /api/v4/commands` takes it (GitLab's "Add to Mattermost" fields). */
export interface MattermostCommandSpec {
  teamId: string;
  /** Without the leading slash; Mattermost stores it lower-cased. */
  trigger: string;
  /** The Request URL Mattermost posts each use to. */
  url: string;
  /** `P` POST (form body), `G` GET (query). */
  method: 'P' | 'G';
  /** Posts answering the command show this name and icon (when Mattermost lets integrations override them). */
  username: string;
  iconUrl: string;
  displayName: string;
  description: string;
  autoComplete: boolean;
  autoCompleteDesc: string;
  autoCompleteHint: string;
}

/** What Mattermost made: its id (to delete it later) and the token it will send with each use. */
export interface CreatedMattermostCommand {
  id: string;
  token: string;
  teamId: string;
  trigger: string;
}

/**
 * GitLab's texts for answers it cannot use (lib/mattermost/client.rb): an error without a message,
 * and a body that is not what was asked for.
 */
export const UNDEFINED_ERROR = 'Undefined error';
export const CANNOT_PARSE_RESPONSE = 'Cannot parse response';

/** Client4 through the outbound guard, with a deadline on every request: an operator waits on these calls. */
class TimedClient extends GuardedClient4 {
  constructor(
    outbound: OutboundGuard,
    private readonly timeoutMs: number,
  ) {
    super(outbound);
  }

  override getOptions(options: Parameters<Client4['getOptions']>[0]): ReturnType<Client4['getOptions']> {
    return { ...super.getOptions(options), signal: AbortSignal.timeout(this.timeoutMs) };
  }
}

/**
 * Setting chatops' slash commands up in Mattermost with a token that may manage them (a system or
 * team admin's personal access token, or a bot given `manage_own_slash_commands`): the teams the
 * token sees, create a command, delete one. Failures are ChatProviderError: `providerError` is
 * Mattermost's error id (`api.command.duplicate_trigger.app_error`…), `unreachable`,
 * `unparsable_response`, `http_error` or `outbound_refused` (the server is at an internal address
 * OUTBOUND_ALLOWED_HOSTS does not allow: every request goes through the outbound guard); `detail`
 * is what to tell the operator — Mattermost's own message, as GitLab shows it, or GitLab's text
 * when there is none.
 */
export class MattermostSlashCommands {
  private readonly outbound: OutboundGuard;
  private readonly timeoutMs: number;

  constructor(options: { outbound: OutboundGuard; timeoutMs?: number }) {
    this.outbound = options.outbound;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async teams(access: MattermostAccess): Promise<MattermostTeamSummary[]> {
    const data: unknown = await this.call(access, (client) => client.getMyTeams());
    if (!Array.isArray(data)) throw unparsable();
    return data.map((team: unknown) => {
      const t = record(team);
      if (typeof t['id'] !== 'string') throw unparsable();
      return {
        id: t['id'],
        name: text(t['name']),
        displayName: text(t['display_name']),
        type: text(t['type']),
      };
    });
  }

  async create(access: MattermostAccess, spec: MattermostCommandSpec): Promise<CreatedMattermostCommand> {
    const data = record(
      await this.call(access, (client) =>
        client.addCommand({
          team_id: spec.teamId,
          trigger: spec.trigger,
          url: spec.url,
          method: spec.method,
          username: spec.username,
          icon_url: spec.iconUrl,
          display_name: spec.displayName,
          description: spec.description,
          auto_complete: spec.autoComplete,
          auto_complete_desc: spec.autoCompleteDesc,
          auto_complete_hint: spec.autoCompleteHint,
        } as Parameters<Client4['addCommand']>[0]),
      ),
    );
    const { id, token } = data;
    if (typeof id !== 'string' || id === '' || typeof token !== 'string' || token === '') throw unparsable();
    return { id, token, teamId: text(data['team_id']) || spec.teamId, trigger: text(data['trigger']) || spec.trigger };
  }

  /**
   * Deletes a command; `missing` when Mattermost answers 404, which it also does for a command in
   * a team where the token may not manage commands (so as not to say that it exists).
   */
  async delete(access: MattermostAccess, commandId: string): Promise<'deleted' | 'missing'> {
    try {
      await this.call(access, (client) => client.deleteCommand(commandId));
      return 'deleted';
    } catch (error) {
      if (error instanceof ChatProviderError && error.providerHttpStatus === 404) return 'missing';
      throw error;
    }
  }

  private async call<T>(access: MattermostAccess, request: (client: Client4) => Promise<T>): Promise<T> {
    const client = new TimedClient(this.outbound, this.timeoutMs);
    client.setUrl(access.serverUrl);
    client.setToken(access.token);
    try {
      return await request(client);
    } catch (error) {
      throw setupFailure(error, access.serverUrl);
    }
  }
}

/** A Client4 failure in words an operator can act on (see the class comment). */
function setupFailure(error: unknown, serverUrl: string): ChatProviderError {
  const failure = error as { status_code?: unknown; server_error_id?: unknown; message?: unknown; cause?: unknown };
  const status = typeof failure.status_code === 'number' && failure.status_code > 0 ? failure.status_code : undefined;
  const message = typeof failure.message === 'string' ? failure.message : '';
  if (status !== undefined) {
    const providerError = typeof failure.server_error_id === 'string' ? failure.server_error_id : `http_${status}`;
    const options = { httpStatus: status, cause: error, detail: message || UNDEFINED_ERROR };
    return status >= 500 || status === 408 || status === 429
      ? ChatProviderError.unavailable(providerError, options)
      : ChatProviderError.rejected(providerError, options);
  }
  // Client4's ClientError without a status: the body was not JSON (a proxy's error page, say),
  // either unreadable (a cause) or an error status whose page carries no message.
  if (error instanceof Error && 'server_error_id' in error) {
    return failure.cause !== undefined
      ? ChatProviderError.unavailable('unparsable_response', { cause: error, detail: CANNOT_PARSE_RESPONSE })
      : ChatProviderError.unavailable('http_error', { cause: error, detail: UNDEFINED_ERROR });
  }
  const refusal = outboundRefusalIn(error);
  if (refusal) return ChatProviderError.rejected('outbound_refused', { cause: error, detail: refusal });
  return ChatProviderError.unavailable('unreachable', {
    cause: error,
    detail: `Could not reach Mattermost at ${serverUrl}: ${causeOf(error) ?? 'no answer'}`,
  });
}

function unparsable(): ChatProviderError {
  return ChatProviderError.unavailable('unparsable_response', { detail: CANNOT_PARSE_RESPONSE });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
