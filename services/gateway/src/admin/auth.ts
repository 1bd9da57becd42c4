import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '@chatops/errors';
import { type onRequestAsyncHookHandler } from 'fastify';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time: both sides are hashed first,
 * so neither the content nor the length of the token leaks through timing.
 */
export function bearerAuth(adminToken: string): onRequestAsyncHookHandler {
  const expected = digest(adminToken);
  return async (request, reply) => {
    const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
    const presented = match?.[1] ?? '';
    if (presented === '' || !timingSafeEqual(digest(presented), expected)) {
      reply.header('www-authenticate', 'Bearer realm="chatops admin"');
      throw new AppError(ErrorCode.Unauthorized, presented === '' ? 'missing bearer token' : 'wrong bearer token');
    }
  };
}
