import { type Db } from '@chatops/db';
import { accessLevelOf, AccessLevel } from '@chatops/gitlab';
import { type CommandJob } from '@chatops/jobs';
import { type ProjectCommandContext } from '../commands/slash-command';
import { describeSubscriptionFilters } from './subscription-text';

/*
 * A channel's subscription to a project is an integration like any other, named after the
 * channel so that the channel's own commands can find it.
 */

/** One integration per project and channel, named so the channel's own commands can find it. */
export function subscriptionName(job: Pick<CommandJob, 'provider' | 'teamId' | 'channelId'>): string {
  return `chat:${job.provider}:${job.teamId}:${job.channelId}`;
}

/** The command's channel's subscription to the command's project, if it has one. */
export function findChannelSubscription(context: ProjectCommandContext) {
  return context.services.db.integration.findUnique({
    where: { projectId_name: { projectId: context.project.id, name: subscriptionName(context.job) } },
    select: { id: true },
  });
}

/** Changing a project's notifications is a Maintainer's right in GitLab; it is here too. */
export function canManageSubscriptions(context: ProjectCommandContext): boolean {
  return accessLevelOf(context.gitlabProject) >= AccessLevel.Maintainer;
}

/** The project a subscription command acted on, as its replies name it. */
export interface SubscribedProject {
  projectPath: string;
  projectUrl: string;
}

export const subscribedProject = (context: ProjectCommandContext): SubscribedProject => ({
  projectPath: context.project.pathWithNamespace,
  projectUrl: context.project.webUrl,
});

/**
 * The audit entry of a subscription change made by slash command: it names the chat user and the
 * GitLab account they acted as; `details` adds what changed.
 */
export const slashCommandAudit = (context: ProjectCommandContext, details: Record<string, unknown> = {}) => ({
  actor: `${context.job.provider}:${context.job.userId} (@${context.identity.gitlabUsername})`,
  details: { via: 'slash command', ...details },
});

/** A project a channel is subscribed to, as `subscriptions` lists it. */
export interface ChannelSubscription {
  projectPath: string;
  projectUrl?: string;
  /** Event kinds; empty means the default events. */
  events: readonly string[];
  /** The filters in words (see describeSubscriptionFilters); empty when there are none. */
  filters?: string;
}

/** The `subscriptions` lines of one channel, across projects. */
export async function channelSubscriptions(db: Db, job: CommandJob): Promise<ChannelSubscription[]> {
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
