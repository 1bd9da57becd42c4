import { type FastifyInstance } from 'fastify';

export interface AdminRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under /api/v1, e.g. `/projects`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Recorded in the audit log as who made the change (`gitlab:<username>`). */
  actor: string;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

/**
 * The console's only way to read or change chatops: the admin API itself, so that every page
 * validates, refuses and words its errors exactly as the API does. In the gateway it is called
 * in process (`fastify.inject`, no socket); a console in a process of its own calls it over HTTP.
 */
export interface AdminClient {
  send(request: AdminRequest): Promise<AdminAnswer>;
}

const PREFIX = '/api/v1';

function pathWithQuery(request: AdminRequest): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {}))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const search = query.toString();
  return `${PREFIX}${request.path}${search ? `?${search}` : ''}`;
}

function headers(adminToken: string, request: AdminRequest): Record<string, string> {
  return {
    authorization: `Bearer ${adminToken}`,
    'x-chatops-actor': request.actor,
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
  };
}

function parse(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return { error: { code: 'bad_answer', message: text.slice(0, 200) } };
  }
}

/** The admin API of the same fastify instance (the gateway), without a network hop. */
export function inProcessAdminClient(app: FastifyInstance, adminToken: string): AdminClient {
  return {
    async send(request) {
      const answer = await app.inject({
        method: request.method,
        url: pathWithQuery(request),
        headers: headers(adminToken, request),
        ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) }),
      });
      return { status: answer.statusCode, body: parse(answer.body) };
    },
  };
}

/** The admin API of a gateway elsewhere (`http://gateway:3000`), for a console run on its own. */
export function httpAdminClient(gatewayUrl: string, adminToken: string, timeoutMs = 10_000): AdminClient {
  const base = gatewayUrl.replace(/\/+$/, '');
  return {
    async send(request) {
      const response = await fetch(`${base}${pathWithQuery(request)}`, {
        method: request.method,
        headers: headers(adminToken, request),
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, body: parse(await response.text()) };
    },
  };
}
