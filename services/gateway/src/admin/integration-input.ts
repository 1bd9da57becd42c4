import {
  type AdminRouteInput,
  type Db,
  type IntegrationFields,
  type IntegrationWithRoutes,
  missingIntegrationReferences,
  type SecretBox,
} from '@chatops/db';
import { type OutboundPolicy } from '@chatops/outbound';
import { type FieldError, ValidationFailed } from './errors';
import { type CreateIntegrationBody, type UpdateIntegrationBody } from './schemas/integration';

type Body = CreateIntegrationBody | UpdateIntegrationBody;

/** The reference each destination cannot work without. */
const REQUIRED_REFERENCE = {
  slack_bot: 'slackInstallationId',
  slack_webhook: 'webhookUrl',
  mattermost_webhook: 'webhookUrl',
  mattermost_bot: 'mattermostConnectionId',
} as const;

/**
 * Checks what the schema cannot, naming every problem at once: the webhook URL does not point at
 * an internal address (`localhost`, a loopback, private, link-local… IP in any spelling) unless
 * the operator's allow-list lets it through; the destination's required reference is present (in
 * the request, or already stored when updating); and the referenced installation or connection
 * exists. A webhook host given by name is judged when chatops connects to it (OutboundGuard).
 */
export async function checkIntegrationInput(
  db: Db,
  outbound: OutboundPolicy,
  body: Body,
  existing?: IntegrationWithRoutes,
): Promise<void> {
  const destination = body.destination ?? existing?.destination;
  const problems: FieldError[] = [];
  const refusal = body.webhookUrl ? outbound.refusalOfUrl(body.webhookUrl) : undefined;
  if (refusal) problems.push({ path: 'webhookUrl', message: refusal.message });
  if (destination) {
    const field = REQUIRED_REFERENCE[destination];
    const stored = field === 'webhookUrl' ? existing?.webhookUrlSealed : existing?.[field];
    const value = body[field] === undefined ? stored : body[field];
    if (!value) problems.push({ path: field, message: `is required for destination ${destination}` });
  }
  const missing = await missingIntegrationReferences(db, {
    slackInstallationId: body.slackInstallationId,
    mattermostConnectionId: body.mattermostConnectionId,
  });
  for (const field of missing) {
    problems.push({
      path: field,
      message:
        field === 'slackInstallationId'
          ? 'no Slack installation with this id'
          : 'no Mattermost connection with this id',
    });
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
}

/** Request fields as columns: the webhook URL sealed, `events` apart as routes (channels once each). */
export function toIntegrationColumns<B extends Body>(
  box: SecretBox,
  body: B,
): {
  fields: Omit<B, 'webhookUrl' | 'events'> & Pick<IntegrationFields, 'webhookUrlSealed'>;
  routes: AdminRouteInput[] | undefined;
} {
  const { webhookUrl, events, ...rest } = body;
  const fields = {
    ...rest,
    ...(webhookUrl === undefined ? {} : { webhookUrlSealed: webhookUrl === null ? null : box.seal(webhookUrl) }),
  };
  const routes =
    events &&
    Object.entries(events).map(([event, route]) => ({ event, channels: [...new Set(route?.channels ?? [])] }));
  return { fields, routes };
}
