import { STATUS_CODES } from 'node:http';
import { type FastifyInstance } from 'fastify';
import { isRecord } from '../shared/body.js';
import { type CallLog } from '../shared/call-log.js';
import { type FaultPlan } from '../shared/faults.js';
import { routeKeys } from '../shared/route-keys.js';
import { requestToken } from './access.js';
import { GitLabError } from './errors.js';
import { type GitLabState } from './gitlab-state.js';
import { type GitLabRequest } from './types.js';

export interface GitLabHookDeps {
  state: GitLabState;
  requestLog: CallLog<GitLabRequest>;
  faults: FaultPlan;
}

/** Recording, fault injection and GitLab-shaped errors for every route. */
export function registerGitLabHooks(app: FastifyInstance, deps: GitLabHookDeps): void {
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (path.startsWith('/api/v4/') || path.startsWith('/oauth/') || path === '/api/graphql') {
      const route = request.routeOptions.url ?? path;
      const token = requestToken(request);
      const userId = token === undefined ? undefined : deps.state.tokens.get(token)?.userId;
      const query = isRecord(request.query) ? request.query : {};
      deps.requestLog.add(`${request.method} ${route}`, {
        method: request.method,
        path,
        route,
        query,
        body: request.body,
        userId,
        at: deps.state.now(),
      });
    }
    const fault = deps.faults.take(routeKeys(request));
    if (fault === undefined) return;
    if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
    const status = fault.status ?? (fault.retryAfterSeconds !== undefined ? 429 : 500);
    // GitLab's Rack::Attack throttle answers 429 in plain text.
    if (status === 429 && fault.error === undefined) return reply.code(429).type('text/plain').send('Retry later\n');
    return reply.code(status).send({ message: fault.error ?? `${status} ${STATUS_CODES[status] ?? 'Error'}` });
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof GitLabError) return reply.code(error.status).send(error.body);
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    return reply.code(status).send({
      message:
        status < 500
          ? `${status} Bad request - ${error instanceof Error ? error.message : String(error)}`
          : '500 Internal Server Error',
    });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: '404 Not Found' }));
}
