import { type SlackWorkspace, type TokenGrant } from '../slack-directory.js';
import { type SlackState } from '../slack-state.js';

/** A Web API error: answered as HTTP 200 `{ ok: false, error, ...extra }`, like Slack does. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'SlackApiError';
  }
}

export type SlackResult = Record<string, unknown>;

export interface TokenContext {
  state: SlackState;
  params: Record<string, unknown>;
  grant: TokenGrant;
  workspace: SlackWorkspace;
}

export interface ClientContext {
  state: SlackState;
  params: Record<string, unknown>;
  /** The raw Authorization header: oauth.v2.access accepts client credentials through HTTP Basic. */
  authorization: string | undefined;
}

/**
 * A Web API method. Most authenticate with a token and need one of `scopes`; oauth.v2.access
 * authenticates the app itself with its client credentials instead; api.test needs nothing.
 */
export type SlackMethod =
  | { auth: 'token'; scopes?: readonly string[]; run(ctx: TokenContext): SlackResult }
  | { auth: 'client'; run(ctx: ClientContext): SlackResult }
  /** Needs no authentication at all (api.test). */
  | { auth: 'none'; run(ctx: { state: SlackState; params: Record<string, unknown> }): SlackResult };

export function requiredString(params: Record<string, unknown>, name: string, error: string): string {
  const value = params[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new SlackApiError(error);
}

export function optionalString(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
