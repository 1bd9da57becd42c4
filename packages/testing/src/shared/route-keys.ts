import { type FastifyRequest } from 'fastify';

/**
 * Keys a REST call answers to in failNext: "<METHOD> <route pattern>" (e.g. `POST /api/v4/posts`,
 * `GET /api/v4/projects/:id`), "<METHOD> <concrete path>", then "*".
 */
export function routeKeys(request: FastifyRequest): string[] {
  const path = request.url.split('?')[0] ?? request.url;
  return [`${request.method} ${request.routeOptions.url ?? path}`, `${request.method} ${path}`, '*'];
}
