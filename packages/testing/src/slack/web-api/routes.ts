import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { InvalidJson, isRecord, parseJson, stringField } from '../../shared/body.js';
import { type CallLog } from '../../shared/call-log.js';
import { type FaultPlan, type FaultSpec } from '../../shared/faults.js';
import { bearerToken } from '../../shared/http-auth.js';
import { type TokenBuckets } from '../../shared/token-bucket.js';
import { type TokenGrant } from '../slack-directory.js';
import { type SlackState } from '../slack-state.js';
import { type SlackCall } from '../types.js';
import { SlackApiError, type SlackResult } from './method.js';
import { slackMethods } from './registry.js';

/** Parameters WebClient sends as JSON strings inside form bodies, and the error Slack gives when one does not parse. */
const JSON_FIELDS: Readonly<Record<string, string>> = {
  attachments: 'invalid_attachments',
  blocks: 'invalid_blocks_format',
  view: 'invalid_arguments',
  metadata: 'invalid_metadata_format',
};

export interface WebApiDeps {
  state: SlackState;
  calls: CallLog<SlackCall>;
  faults: FaultPlan;
  rateLimiter(): TokenBuckets | undefined;
}

interface DecodedRequest {
  token: string | undefined;
  params: Record<string, unknown>;
  /** The Slack error for a body that cannot be read, reported after authentication like Slack does. */
  decodeError: string | undefined;
}

/** `${url}/api/<method>`: Slack's Web API, always HTTP 200 with `ok` except for rate limits and injected faults. */
export function registerWebApi(app: FastifyInstance, deps: WebApiDeps): void {
  const handler = async (request: FastifyRequest<{ Params: { method: string } }>, reply: FastifyReply) => {
    const method = request.params.method;
    const { token, params, decodeError } = decode(request);
    deps.calls.add(method, { method, token, params, at: deps.state.now() });
    const fault = deps.faults.take([method, '*']);
    if (fault !== undefined) return sendFault(reply, fault);
    try {
      return dispatch(deps, reply, method, { token, params, decodeError }, request.headers.authorization);
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      return { ok: false, error: error.error, ...error.extra };
    }
  };
  app.post('/api/:method', handler);
  app.get('/api/:method', handler);
}

function dispatch(
  deps: WebApiDeps,
  reply: FastifyReply,
  method: string,
  request: DecodedRequest,
  authorization: string | undefined,
): SlackResult {
  const definition = slackMethods[method];
  if (definition === undefined) return { ok: false, error: 'unknown_method', req_method: method };
  const { state } = deps;
  if (definition.auth === 'none') return definition.run({ state, params: request.params });
  if (definition.auth === 'client') {
    if (request.decodeError !== undefined) throw new SlackApiError(request.decodeError);
    return definition.run({ state, params: request.params, authorization });
  }
  const grant = authenticate(state, request.token);
  if (request.decodeError !== undefined) throw new SlackApiError(request.decodeError);
  const scopes = [...grant.scopes].join(',');
  reply.header('x-oauth-scopes', scopes);
  if (definition.scopes !== undefined) {
    reply.header('x-accepted-oauth-scopes', definition.scopes.join(','));
    if (!definition.scopes.some((scope) => grant.scopes.has(scope))) {
      throw new SlackApiError('missing_scope', { needed: definition.scopes.join(','), provided: scopes });
    }
  }
  const workspace = state.directory.workspace(grant.teamId);
  const limiter = deps.rateLimiter();
  if (limiter !== undefined && method === 'chat.postMessage') {
    const ref = stringField(request.params['channel']) ?? '';
    const channelId = state.directory.resolveChannel(workspace.teamId, ref)?.id ?? ref;
    const verdict = limiter.take(`${workspace.teamId}:${channelId}`);
    if (!verdict.ok) {
      reply.code(429).header('retry-after', String(verdict.retryAfterSeconds));
      return { ok: false, error: 'ratelimited' };
    }
  }
  return definition.run({ state, params: request.params, grant, workspace });
}

function authenticate(state: SlackState, token: string | undefined): TokenGrant {
  if (token === undefined || token === '') throw new SlackApiError('not_authed');
  const grant = state.directory.tokens.get(token);
  if (grant === undefined) throw new SlackApiError('invalid_auth');
  if (grant.revoked) throw new SlackApiError('token_revoked');
  return grant;
}

/**
 * Query and body merged, JSON-string fields parsed. A token in a JSON body is ignored: Slack only
 * reads it from the Authorization header there.
 */
function decode(request: FastifyRequest): DecodedRequest {
  const body = request.body;
  const query = isRecord(request.query) ? request.query : {};
  const isJson = isRecord(body) && (request.headers['content-type'] ?? '').includes('json');
  let decodeError: string | undefined;
  let raw: Record<string, unknown> = { ...query };
  if (body instanceof InvalidJson) decodeError = 'invalid_json';
  else if (isRecord(body)) raw = { ...raw, ...body };
  else if (typeof body === 'string' && body.trim() !== '') decodeError = 'invalid_arguments';

  const headerToken = bearerToken(request.headers.authorization);
  const formToken = isJson ? stringField(query['token']) : stringField(raw['token']);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'token') continue;
    const error = JSON_FIELDS[key];
    if (error !== undefined && typeof value === 'string') {
      const parsed = parseJson(value);
      if (parsed instanceof InvalidJson) decodeError ??= error;
      params[key] = parsed instanceof InvalidJson ? value : parsed;
    } else {
      params[key] = Array.isArray(value) && error === undefined ? value[value.length - 1] : value;
    }
  }
  return { token: headerToken ?? formToken, params, decodeError };
}

/** Injected faults: `ok:false` at HTTP 200 when only an error is given, 429 with Retry-After, else HTTP 500. */
function sendFault(reply: FastifyReply, fault: FaultSpec): FastifyReply {
  const status = fault.status ?? (fault.retryAfterSeconds !== undefined ? 429 : fault.error !== undefined ? 200 : 500);
  if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
  const error = fault.error ?? (status === 429 ? 'ratelimited' : 'internal_error');
  return reply.code(status).send({ ok: false, error });
}
