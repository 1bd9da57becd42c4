import { type FastifyRequest } from 'fastify';
import { ConsolePageError, contextOf } from '../context';

/** Pages about the whole instance (every project's dead letters, chat connections, the audit log). */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (!contextOf(request).user.isAdmin)
    throw new ConsolePageError(
      403,
      'Administrators only',
      'This page is about every project and chat connection: only chatops administrators see it.',
    );
}
