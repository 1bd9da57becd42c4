import { randomBytes } from 'node:crypto';
import { type Db } from '../client';
import { type Prisma, type WebhookEndpoint } from '../generated/prisma/client';
import { type EndpointScope } from '../generated/prisma/enums';
import { type SecretBox } from '../secret-box';
import { generateSecret, hashSecret } from '../secret-hash';

/** What the gateway needs to authenticate and check a webhook: nothing more is read on the hot path. */
export type EndpointForIngest = Pick<
  WebhookEndpoint,
  'id' | 'secretHash' | 'signingSecretSealed' | 'disabledAt' | 'projectId' | 'scope'
> & {
  /** GitLab's id of the endpoint's project: a project endpoint refuses payloads about any other. */
  gitlabProjectId: number;
};

export async function findEndpointForIngest(db: Db, id: string): Promise<EndpointForIngest | null> {
  const endpoint = await db.webhookEndpoint.findUnique({
    where: { id },
    select: {
      id: true,
      secretHash: true,
      signingSecretSealed: true,
      disabledAt: true,
      projectId: true,
      scope: true,
      project: { select: { gitlabProjectId: true } },
    },
  });
  if (!endpoint) return null;
  const { project, ...rest } = endpoint;
  return { ...rest, gitlabProjectId: project.gitlabProjectId };
}

/**
 * Records that the endpoint accepted an event at `at`, unless it did less than `minIntervalMs`
 * before (then nothing is written): one cheap UPDATE at most that often per endpoint, whatever
 * the rate of events. Resolves to whether a row was written.
 */
export async function touchEndpointLastEvent(db: Db, id: string, at: Date, minIntervalMs: number): Promise<boolean> {
  const { count } = await db.webhookEndpoint.updateMany({
    where: { id, OR: [{ lastEventAt: null }, { lastEventAt: { lt: new Date(at.getTime() - minIntervalMs) } }] },
    data: { lastEventAt: at },
  });
  return count > 0;
}

export interface EndpointInput {
  projectId: string;
  description?: string;
  /** Given: also issue a signing secret for GitLab's signed webhooks, sealed with this box. */
  signingBox?: SecretBox;
  /** `project` (the default): payloads about other projects are refused; `group`: any project's. */
  scope?: EndpointScope;
}

/** A new secret token (stored only as its hash) and, when asked, a new signing secret (stored sealed). */
export function newEndpointSecrets(signingBox: SecretBox | undefined): {
  secret: string;
  signingSecret: string | undefined;
  columns: { secretHash: string; signingSecretSealed?: string };
} {
  const secret = generateSecret();
  const signingSecret = signingBox ? `whsec_${randomBytes(32).toString('base64')}` : undefined;
  return {
    secret,
    signingSecret,
    columns: {
      secretHash: hashSecret(secret),
      ...(signingSecret && signingBox ? { signingSecretSealed: signingBox.seal(signingSecret) } : {}),
    },
  };
}

/**
 * Creates an endpoint and returns its secret token (shown once, stored only as a hash) and, when
 * asked, a signing secret for GitLab's webhook signatures (`whsec_…`, stored sealed). The id is
 * random too (128 bits, hex so it never starts with a dash on a command line), so endpoint URLs
 * cannot be enumerated.
 */
export async function createEndpoint(
  db: Db | Prisma.TransactionClient,
  input: EndpointInput,
): Promise<{ endpoint: WebhookEndpoint; secret: string; signingSecret: string | undefined }> {
  const { secret, signingSecret, columns } = newEndpointSecrets(input.signingBox);
  const endpoint = await db.webhookEndpoint.create({
    data: {
      id: randomBytes(16).toString('hex'),
      projectId: input.projectId,
      description: input.description ?? '',
      scope: input.scope ?? 'project',
      secretHash: columns.secretHash,
      signingSecretSealed: columns.signingSecretSealed ?? null,
    },
  });
  return { endpoint, secret, signingSecret };
}
