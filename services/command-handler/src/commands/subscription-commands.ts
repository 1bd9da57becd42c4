import {
  accessDeniedReply,
  describeSubscriptionFilters,
  errorReply,
  nothingToUnsubscribeReply,
  subscribedReply,
  subscribeUsageErrorReply,
  unsubscribedReply,
  type SubscribeOptions,
} from '@chatops/commands';
import {
  createAuditedIntegration,
  deleteAuditedIntegration,
  type Db,
  type IntegrationFields,
  updateAuditedIntegration,
} from '@chatops/db';
import { type CommandJob } from '@chatops/jobs';
import { accessLevelOf, MAINTAINER } from '../gitlab-api';
import { type ProjectCommand, type ProjectCommandContext } from './context';

/** Events a chat subscription gets when none are named: GitLab's defaults, minus confidential ones. */
export const DEFAULT_SUBSCRIPTION_EVENTS = [
  'push',
  'tag_push',
  'issue',
  'merge_request',
  'note',
  'pipeline',
  'wiki_page',
  'deployment',
];

/** One integration per project and channel, named so the channel's own commands can find it. */
export function subscriptionName(job: Pick<CommandJob, 'provider' | 'teamId' | 'channelId'>): string {
  return `chat:${job.provider}:${job.teamId}:${job.channelId}`;
}

/** Changing a project's notifications is a Maintainer's right in GitLab; it is here too. */
function canManage(context: ProjectCommandContext): boolean {
  return accessLevelOf(context.gitlabProject) >= MAINTAINER;
}

const subscribedProject = (context: ProjectCommandContext) => ({
  projectPath: context.project.pathWithNamespace,
  projectUrl: context.project.webUrl,
});

/** Audit entries name the chat user and the GitLab account they acted as. */
const auditActor = (context: ProjectCommandContext) =>
  `${context.job.provider}:${context.job.userId} (@${context.identity.gitlabUsername})`;

export const subscribe: ProjectCommand<'subscribe' | 'subscribe_invalid'> = async (context, command) => {
  if (command.kind === 'subscribe_invalid') return subscribeUsageErrorReply(command.error, context.flavour);
  if (!canManage(context)) return accessDeniedReply(context.gitlabProject.web_url, context.flavour);
  const destination = context.channelDestination;
  if (typeof destination === 'string') return errorReply(destination, context.flavour);

  const options = command.options;
  const events = options.events.length > 0 ? options.events : DEFAULT_SUBSCRIPTION_EVENTS;
  const fields: IntegrationFields = {
    name: subscriptionName(context.job),
    ...destination,
    defaultChannel: context.job.channelId,
    ...filterFields(options),
  };
  const routes = events.map((event) => ({ event, channels: [] }));
  const audit = { actor: auditActor(context), details: { via: 'slash command', events } };
  const existing = await findSubscription(context.db, context.project.id, fields.name);
  if (existing) await updateAuditedIntegration(context.db, existing.id, { fields, routes }, audit);
  else await createAuditedIntegration(context.db, { projectId: context.project.id, fields, routes }, audit);
  return subscribedReply(subscribedProject(context), { ...options, events }, context.flavour);
};

export const unsubscribe: ProjectCommand<'unsubscribe'> = async (context) => {
  if (!canManage(context)) return accessDeniedReply(context.gitlabProject.web_url, context.flavour);
  const existing = await findSubscription(context.db, context.project.id, subscriptionName(context.job));
  if (!existing) return nothingToUnsubscribeReply(subscribedProject(context), context.flavour);
  await deleteAuditedIntegration(context.db, existing.id, {
    actor: auditActor(context),
    details: { via: 'slash command' },
  });
  return unsubscribedReply(subscribedProject(context), context.flavour);
};

function filterFields(options: SubscribeOptions): Partial<IntegrationFields> {
  return {
    ...(options.branches ? { branchesToBeNotified: options.branches } : {}),
    ...(options.labels ? { labelsToBeNotified: options.labels } : {}),
    ...(options.onlyBrokenPipelines === undefined ? {} : { notifyOnlyBrokenPipelines: options.onlyBrokenPipelines }),
  };
}

function findSubscription(db: Db, projectId: string, name: string) {
  return db.integration.findUnique({ where: { projectId_name: { projectId, name } }, select: { id: true } });
}

/** The `subscriptions` lines of one channel, across projects. */
export async function channelSubscriptions(db: Db, job: CommandJob) {
  const integrations = await db.integration.findMany({
    where: { name: subscriptionName(job) },
    include: { project: true, routes: { orderBy: { event: 'asc' } } },
    orderBy: { createdAt: 'asc' },
  });
  return integrations.map((integration) => ({
    projectPath: integration.project.pathWithNamespace,
    projectUrl: integration.project.webUrl,
    events: integration.routes.map((route) => route.event),
    filters: describeSubscriptionFilters({
      branches: integration.branchesToBeNotified,
      labels: integration.labelsToBeNotified,
      onlyBrokenPipelines: integration.notifyOnlyBrokenPipelines,
    }),
  }));
}
