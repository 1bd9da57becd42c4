import { type FastifyRequest } from 'fastify';
import { isRecord, stringField } from '../../shared/body.js';
import { bearerToken } from '../../shared/http-auth.js';
import { MattermostError } from '../app-error.js';
import { type MattermostState } from '../mattermost-state.js';
import { type MattermostUser } from '../types.js';

/** Mattermost accepts `Authorization: Bearer|Token <token>` or an `access_token` query parameter. */
export function requestToken(request: FastifyRequest): string | undefined {
  const fromHeader = bearerToken(request.headers.authorization, ['bearer', 'token']);
  if (fromHeader !== undefined) return fromHeader;
  return isRecord(request.query) ? stringField(request.query['access_token']) : undefined;
}

export function userIdOf(state: MattermostState, request: FastifyRequest): string | undefined {
  const token = requestToken(request);
  return token === undefined ? undefined : state.tokens.get(token);
}

/** The session's user, or Mattermost's 401 for a missing, unknown or revoked token. */
export function requireUser(state: MattermostState, request: FastifyRequest): MattermostUser {
  const token = requestToken(request);
  const userId = token === undefined ? undefined : state.tokens.get(token);
  const user = userId === undefined ? undefined : state.users.get(userId);
  if (user === undefined) {
    const detail = token === undefined ? 'token not provided' : `token=${token.slice(0, 4)}…`;
    throw new MattermostError('api.context.session_expired.app_error', 401, detail);
  }
  return user;
}
