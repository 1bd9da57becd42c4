import { type Db } from '../client';
import { type Prisma, type WebhookEndpoint } from '../generated/prisma/client';
import { type SecretBox } from '../secret-box';
import { type AuditContext } from './admin-integrations';
import { createEndpoint, type EndpointInput, newEndpointSecrets } from './endpoints';

/** An endpoint as operators see it: never its secrets, only whether it is signed. */
export type EndpointSummary = Omit<WebhookEndpoint, 'secretHash' | 'signingSecretSealed'> & { signed: boolean };

function summaryOf({ secretHash: _hash, signingSecretSealed, ...rest }: WebhookEndpoint): EndpointSummary {
  return { ...rest, signed: signingSecretSealed !== null };
}

/** Endpoints, oldest first, optionally of one project; without their secrets. */
export async function listEndpoints(db: Db, filter: { projectId?: string } = {}): Promise<EndpointSummary[]> {
  const endpoints = await db.webhookEndpoint.findMany({
    where: filter.projectId ? { projectId: filter.projectId } : {},
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return endpoints.map(summaryOf);
}

/** A project's webhook endpoints, without their secrets. */
export function listProjectEndpoints(db: Db, projectId: string): Promise<EndpointSummary[]> {
  return listEndpoints(db, { projectId });
}

export async function findEndpointSummary(db: Db, id: string): Promise<EndpointSummary | null> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id } });
  return endpoint && summaryOf(endpoint);
}

/** createEndpoint and its audit entry (without the secrets, which are shown once to the caller), in one transaction. */
export function createAuditedEndpoint(
  db: Db,
  input: EndpointInput,
  audit: AuditContext,
): ReturnType<typeof createEndpoint> {
  return db.$transaction(async (tx) => {
    const created = await createEndpoint(tx, input);
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'endpoint.create',
        target: created.endpoint.id,
        details: {
          projectId: input.projectId,
          signed: created.signingSecret !== undefined,
          scope: created.endpoint.scope,
          ...audit.details,
        },
      },
    });
    return created;
  });
}

/** Changes an endpoint and records it, in one transaction; null when there is no such endpoint. */
function changeAudited(
  db: Db,
  id: string,
  action: string,
  data: (existing: WebhookEndpoint) => Prisma.WebhookEndpointUpdateInput,
  audit: AuditContext,
): Promise<EndpointSummary | null> {
  return db.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!existing) return null;
    const updated = await tx.webhookEndpoint.update({ where: { id }, data: data(existing) });
    await tx.auditEntry.create({
      data: { actor: audit.actor, action, target: id, details: { projectId: existing.projectId, ...audit.details } },
    });
    return summaryOf(updated);
  });
}

/**
 * Stops an endpoint taking GitLab's events (they are refused with 403 within the gateway's 5 s
 * endpoint cache). Disabling a disabled endpoint keeps the time it was first disabled.
 */
export function disableAuditedEndpoint(
  db: Db,
  id: string,
  audit: AuditContext,
  at: Date = new Date(),
): Promise<EndpointSummary | null> {
  return changeAudited(db, id, 'endpoint.disable', (e) => ({ disabledAt: e.disabledAt ?? at }), audit);
}

/** Lets a disabled endpoint take events again (same URL and secrets). */
export function enableAuditedEndpoint(db: Db, id: string, audit: AuditContext): Promise<EndpointSummary | null> {
  return changeAudited(db, id, 'endpoint.enable', () => ({ disabledAt: null }), audit);
}

/**
 * Replaces an endpoint's secret token (and, given a box, its signing secret too) and returns the
 * new one(s), to be shown once: only the hash is stored. The old token stops working as soon as
 * each gateway's endpoint cache (5 s) lets go of it. Null when there is no such endpoint.
 */
export async function rotateAuditedEndpointSecret(
  db: Db,
  id: string,
  options: { signingBox?: SecretBox },
  audit: AuditContext,
): Promise<{ endpoint: EndpointSummary; secret: string; signingSecret: string | undefined } | null> {
  const { secret, signingSecret, columns } = newEndpointSecrets(options.signingBox);
  const endpoint = await changeAudited(db, id, 'endpoint.rotate_secret', () => columns, {
    ...audit,
    details: { signingSecretRotated: signingSecret !== undefined, ...audit.details },
  });
  return endpoint && { endpoint, secret, signingSecret };
}

/**
 * Deletes an endpoint: GitLab's next call to its URL is 404 (within 5 s). Nothing references it
 * by key: deliveries keep its id as history, and events it accepted that are still queued are
 * dropped by the notifier (no endpoint, no integrations). False when there was none.
 */
export function deleteAuditedEndpoint(db: Db, id: string, audit: AuditContext): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({
      where: { id },
      select: { projectId: true, description: true, scope: true },
    });
    if (!existing) return false;
    await tx.webhookEndpoint.delete({ where: { id } });
    await tx.auditEntry.create({
      data: { actor: audit.actor, action: 'endpoint.delete', target: id, details: { ...existing, ...audit.details } },
    });
    return true;
  });
}
