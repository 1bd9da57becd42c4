import { type DeliveryRecord, type EndpointSummary, type IntegrationWithRoutes, type Project } from '@chatops/db';
import { type DeliveryView } from './schemas/delivery';
import { type IntegrationView } from './schemas/integration';
import { type EndpointView, type ProjectView } from './schemas/project';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

// Views list their fields one by one: a column added later (a sealed credential, say) stays
// private until someone decides to show it.

/** What the API shows of an integration: never the webhook URL, only whether one is set. */
export function toIntegrationView(i: IntegrationWithRoutes): IntegrationView {
  return {
    id: i.id,
    projectId: i.projectId,
    name: i.name,
    active: i.active,
    destination: i.destination,
    slackInstallationId: i.slackInstallationId,
    mattermostConnectionId: i.mattermostConnectionId,
    hasWebhookUrl: i.webhookUrlSealed !== null,
    defaultChannel: i.defaultChannel,
    username: i.username,
    confidentialChannels: i.confidentialChannels,
    threading: i.threading,
    notifyOnlyBrokenPipelines: i.notifyOnlyBrokenPipelines,
    notifyOnlyWhenPipelineStatusChanges: i.notifyOnlyWhenPipelineStatusChanges,
    branchesToBeNotified: i.branchesToBeNotified,
    branchInclude: i.branchInclude,
    branchExclude: i.branchExclude,
    labelsToBeNotified: i.labelsToBeNotified,
    labelsBehavior: i.labelsBehavior,
    labelsExclude: i.labelsExclude,
    events: Object.fromEntries(i.routes.map((r) => [r.event, { channels: r.channels }])),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function toProjectView(p: Project): ProjectView {
  return {
    id: p.id,
    gitlabProjectId: p.gitlabProjectId,
    pathWithNamespace: p.pathWithNamespace,
    name: p.name,
    webUrl: p.webUrl,
    defaultBranch: p.defaultBranch,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export const endpointUrl = (publicUrl: string, id: string) => `${publicUrl.replace(/\/+$/, '')}/hooks/gitlab/${id}`;

export function toEndpointView(publicUrl: string, endpoint: EndpointSummary): EndpointView {
  return {
    id: endpoint.id,
    projectId: endpoint.projectId,
    description: endpoint.description,
    url: endpointUrl(publicUrl, endpoint.id),
    signed: endpoint.signed,
    scope: endpoint.scope,
    createdAt: endpoint.createdAt.toISOString(),
    lastEventAt: iso(endpoint.lastEventAt),
    disabledAt: iso(endpoint.disabledAt),
  };
}

export function toDeliveryView(d: DeliveryRecord): DeliveryView {
  return {
    id: d.id,
    integrationId: d.integrationId,
    endpointId: d.endpointId,
    eventKey: d.eventKey,
    eventKind: d.eventKind,
    channel: d.channel,
    status: d.status,
    attempts: d.attempts,
    lastErrorCode: d.lastErrorCode,
    lastErrorMessage: d.lastErrorMessage,
    remoteMessageId: d.remoteMessageId,
    createdAt: d.createdAt.toISOString(),
    sentAt: iso(d.sentAt),
    attemptLog: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      outcome: a.outcome,
      errorCode: a.errorCode,
      errorMessage: a.errorMessage,
      httpStatus: a.httpStatus,
      durationMs: a.durationMs,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
