import { type Db } from '../client';
import { type WebhookEndpoint } from '../generated/prisma/client';
import { randomBytes } from 'node:crypto';
import { type SecretBox } from '../secret-box';
import { generateSecret, hashSecret } from '../secret-hash';

export type EndpointForIngest = Pick<
  WebhookEndpoint,
  'id' | 'secretHash' | 'signingSecretSealed' | 'disabledAt' | 'projectId'
>;

/** What the gateway needs to authenticate a webhook: nothing more is read on the hot path. */
export function findEndpointForIngest(db: Db, id: string): Promise<EndpointForIngest | null> {
  return db.webhookEndpoint.findUnique({
    where: { id },
    select: { id: true, secretHash: true, signingSecretSealed: true, disabledAt: true, projectId: true },
  });
}

/**
 * Creates an endpoint and returns its secret token (shown once, stored only as a hash) and, when
 * asked, a signing secret for GitLab's webhook signatures (`whsec_…`, stored sealed). The id is
 * random too (128 bits, hex so it never starts with a dash on a command line), so endpoint URLs
 * cannot be enumerated.
 */
export async function createEndpoint(
  db: Db,
  input: { projectId: string; description?: string; signingBox?: SecretBox },
): Promise<{ endpoint: WebhookEndpoint; secret: string; signingSecret: string | undefined }> {
  const secret = generateSecret();
  const signingSecret = input.signingBox ? `whsec_${randomBytes(32).toString('base64')}` : undefined;
  const endpoint = await db.webhookEndpoint.create({
    data: {
      id: randomBytes(16).toString('hex'),
      projectId: input.projectId,
      description: input.description ?? '',
      secretHash: hashSecret(secret),
      signingSecretSealed: signingSecret && input.signingBox ? input.signingBox.seal(signingSecret) : null,
    },
  });
  return { endpoint, secret, signingSecret };
}
