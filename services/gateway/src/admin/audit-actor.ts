import { type FastifyRequest, type onRequestAsyncHookHandler } from 'fastify';
import { ValidationFailed } from './errors';

/**
 * Who a request acts for, recorded as the actor of the audit entries it writes: the web console
 * names the GitLab user it signed in (`gitlab:alice`), automation may name itself. The bearer token
 * is the authority; this header only says on whose behalf it is used.
 */
export const ACTOR_HEADER = 'X-Chatops-Actor';

/** The actor when a request names none. */
export const DEFAULT_ACTOR = 'admin-api';

const ACTOR_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,99}$/;

export const ACTOR_RULE = '1–100 characters: a letter or digit, then letters, digits and _ . : @ / -';

/**
 * The request's actor: its `X-Chatops-Actor` header, or `admin-api` when it has none. Throws
 * `validation_failed` naming the header when it breaks the rule (a repeated header arrives joined
 * by ", ", so it breaks it too).
 */
export function auditActor(request: FastifyRequest): string {
  const value = request.headers[ACTOR_HEADER.toLowerCase()];
  if (value === undefined) return DEFAULT_ACTOR;
  if (typeof value !== 'string' || !ACTOR_PATTERN.test(value)) throw ValidationFailed.field(ACTOR_HEADER, ACTOR_RULE);
  return value;
}

/** Refuses a bad actor header before any route runs, so a refused request has changed nothing. */
export const checkActorHeader: onRequestAsyncHookHandler = async (request) => {
  auditActor(request);
};
