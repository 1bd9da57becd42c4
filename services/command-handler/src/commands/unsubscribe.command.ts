import { type ChatReply, ephemeral, inChannel, markdownLink } from '@chatops/chat';
import { accessDeniedReply } from '@chatops/messages';
import { deleteAuditedIntegration } from '@chatops/db';
import {
  canManageSubscriptions,
  findChannelSubscription,
  slashCommandAudit,
  subscribedProject,
  type SubscribedProject,
} from '../subscriptions/subscription-store';
import { defineCommand, matchExactly } from './slash-command';

/** `unsubscribe`: this channel no longer gets the project's notifications. */
export const unsubscribe = defineCommand<Record<string, never>>({
  name: 'unsubscribe',
  usage: 'unsubscribe',
  offered: 'always',
  scope: 'project',
  match: (text) => matchExactly('unsubscribe', text),
  async run(context) {
    if (!canManageSubscriptions(context)) return accessDeniedReply(context.gitlabProject.web_url);
    const existing = await findChannelSubscription(context);
    if (!existing) return nothingToUnsubscribeReply(subscribedProject(context));
    await deleteAuditedIntegration(context.services.db, existing.id, slashCommandAudit(context));
    return unsubscribedReply(subscribedProject(context));
  },
});

/** `unsubscribe`: told to the channel, like subscribing. */
export function unsubscribedReply(project: SubscribedProject): ChatReply {
  const text = `This channel is no longer subscribed to ${markdownLink(project.projectPath, project.projectUrl)}.`;
  return inChannel({ text });
}

/** `unsubscribe` in a channel that is not subscribed to the project. */
export function nothingToUnsubscribeReply(project: SubscribedProject): ChatReply {
  const text = `This channel is not subscribed to ${markdownLink(project.projectPath, project.projectUrl)}.`;
  return ephemeral({ text });
}
