import { type ChatReply, ephemeral, inChannel, markdownLink } from '@chatops/chat';
import { accessDeniedReply, errorReply } from '@chatops/messages';
import { createAuditedIntegration, type IntegrationFields, updateAuditedIntegration } from '@chatops/db';
import {
  parseSubscribeArgs,
  SUBSCRIBE_USAGE,
  type SubscribeArgsResult,
  type SubscribeOptions,
} from '../subscriptions/subscribe-args';
import {
  canManageSubscriptions,
  findChannelSubscription,
  slashCommandAudit,
  subscribedProject,
  type SubscribedProject,
  subscriptionName,
} from '../subscriptions/subscription-store';
import { describeSubscriptionFilters, eventList } from '../subscriptions/subscription-text';
import { defineCommand, matchPattern } from './slash-command';

const SUBSCRIBE = /^subscribe(?:\s+(?<args>[\s\S]*))?$/;

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

/** `subscribe [events] [--filters]`: this channel gets the project's notifications (a Maintainer's right). */
export const subscribe = defineCommand<SubscribeArgsResult>({
  name: 'subscribe',
  usage: SUBSCRIBE_USAGE,
  offered: 'always',
  scope: 'project',
  match: (text) => matchPattern(SUBSCRIBE, text, (g) => parseSubscribeArgs(g.args ?? '')),
  async run(context, parsed) {
    if (!parsed.ok) return subscribeUsageErrorReply(parsed.error);
    if (!canManageSubscriptions(context)) return accessDeniedReply(context.gitlabProject.web_url);
    const destination = context.channelDestination;
    if (typeof destination === 'string') return errorReply(destination);

    const options = parsed.options;
    const events = options.events.length > 0 ? options.events : DEFAULT_SUBSCRIPTION_EVENTS;
    const fields: IntegrationFields = {
      name: subscriptionName(context.job),
      ...destination,
      defaultChannel: context.job.channelId,
      ...filterFields(options),
    };
    const routes = events.map((event) => ({ event, channels: [] }));
    const audit = slashCommandAudit(context, { events });
    const { db } = context.services;
    const existing = await findChannelSubscription(context);
    if (existing) await updateAuditedIntegration(db, existing.id, { fields, routes }, audit);
    else await createAuditedIntegration(db, { projectId: context.project.id, fields, routes }, audit);
    return subscribedReply(subscribedProject(context), { ...options, events });
  },
});

function filterFields(options: SubscribeOptions): Partial<IntegrationFields> {
  return {
    ...(options.branches ? { branchesToBeNotified: options.branches } : {}),
    ...(options.labels ? { labelsToBeNotified: options.labels } : {}),
    ...(options.onlyBrokenPipelines === undefined ? {} : { notifyOnlyBrokenPipelines: options.onlyBrokenPipelines }),
  };
}

/** `subscribe`: told to the channel, since it changes what everyone there will see. */
export function subscribedReply(project: SubscribedProject, options: SubscribeOptions): ChatReply {
  const filters = describeSubscriptionFilters(options);
  const text =
    `This channel is now subscribed to ${markdownLink(project.projectPath, project.projectUrl)}: ${eventList(options.events)}.` +
    (filters ? `\nFilters: ${filters}.` : '');
  return inChannel({ text });
}

/** `subscribe` with a mistake in its arguments: what is wrong, and the syntax. */
export function subscribeUsageErrorReply(error: string): ChatReply {
  return ephemeral({ text: `${error}\nUsage: \`${SUBSCRIBE_USAGE}\`` });
}
