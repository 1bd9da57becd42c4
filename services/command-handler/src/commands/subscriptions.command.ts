import { type ChatReply, ephemeral, markdownLink, stripMarkup } from '@chatops/chat';
import { type ChannelSubscription, channelSubscriptions } from '../subscriptions/subscription-store';
import { eventList } from '../subscriptions/subscription-text';
import { defineCommand, matchExactly } from './slash-command';

/** `subscriptions`: the projects this channel is subscribed to, whatever project is named. */
export const subscriptions = defineCommand<Record<string, never>>({
  name: 'subscriptions',
  usage: 'subscriptions',
  offered: 'always',
  scope: 'chat',
  match: (text) => matchExactly('subscriptions', text),
  run: async ({ job, services }) => subscriptionListReply(await channelSubscriptions(services.db, job)),
});

/** `subscriptions`: the channel's subscriptions, one line each. */
export function subscriptionListReply(list: readonly ChannelSubscription[]): ChatReply {
  if (list.length === 0) return ephemeral({ text: 'This channel is not subscribed to any GitLab project.' });
  const lines = list.map((s) => {
    const project = s.projectUrl ? markdownLink(s.projectPath, s.projectUrl) : stripMarkup(s.projectPath);
    return `- ${project}: ${eventList(s.events)}${s.filters ? ` (${s.filters})` : ''}`;
  });
  return ephemeral({ text: ['This channel is subscribed to:', ...lines].join('\n') });
}
