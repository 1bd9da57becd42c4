import { type Db } from '../client';
import { type WebhookEndpoint } from '../generated/prisma/client';
import { randomBytes } from 'node:crypto';
import { generateSecret, hashSecret } from '../secret-hash';

export type EndpointForIngest = Pick<WebhookEndpoint, 'id' | 'secretHash' | 'disabledAt' | 'projectId'>;

/** What the gateway needs to authenticate a webhook: nothing more is read on the hot path. */
export function findEndpointForIngest(db: Db, id: string): Promise<EndpointForIngest | null> {
  return db.webhookEndpoint.findUnique({ where: { id }, select: { id: true, secretHash: true, disabledAt: true, projectId: true } });
}

/**
 * Creates an endpoint and returns its secret, which is shown once and never stored in clear.
 * The id is random too (128 bits, hex so it never starts with a dash on a command line), so
 * endpoint URLs cannot be enumerated.
 */
export async function createEndpoint(
  db: Db,
  input: { projectId: string; description?: string },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const secret = generateSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: { id: randomBytes(16).toString('hex'), projectId: input.projectId, description: input.description ?? '', secretHash: hashSecret(secret) },
  });
  return { endpoint, secret };
}
