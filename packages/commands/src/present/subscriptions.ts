import { markdownLink, stripMarkup } from '@chatops/messages';
import { SUBSCRIBE_USAGE } from '../parse/subscribe-args';
import { type ChatFlavour, type CommandReply, type SubscribeOptions } from '../types';
import { ephemeral, inChannel } from './format-reply';

/** A project a channel is subscribed to, as `subscriptions` lists it. */
export interface ChannelSubscription {
  projectPath: string;
  projectUrl?: string;
  /** Event kinds; empty means the default events. */
  events: readonly string[];
  /** The filters in words (see describeSubscriptionFilters); empty when there are none. */
  filters?: string;
}

/** The project a subscription command acted on. */
export interface SubscribedProject {
  projectPath: string;
  projectUrl: string;
}

/** The filters of a subscription in words, e.g. `branches: default; labels: bug; only broken pipelines`. */
export function describeSubscriptionFilters(options: Omit<SubscribeOptions, 'events'>): string {
  const parts: string[] = [];
  if (options.branches) parts.push(`branches: ${options.branches}`);
  if (options.labels && options.labels.length > 0) parts.push(`labels: ${options.labels.map(stripMarkup).join(', ')}`);
  if (options.onlyBrokenPipelines === true) parts.push('only broken pipelines');
  if (options.onlyBrokenPipelines === false) parts.push('all pipelines');
  return parts.join('; ');
}

/** `subscribe`: told to the channel, since it changes what everyone there will see. */
export function subscribedReply(
  project: SubscribedProject,
  options: SubscribeOptions,
  flavour: ChatFlavour,
): CommandReply {
  const filters = describeSubscriptionFilters(options);
  const text =
    `This channel is now subscribed to ${markdownLink(project.projectPath, project.projectUrl)}: ${eventList(options.events)}.` +
    (filters ? `\nFilters: ${filters}.` : '');
  return inChannel({ text }, flavour);
}

/** `subscribe` with a mistake in its arguments: what is wrong, and the syntax. */
export function subscribeUsageErrorReply(error: string, flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: `${error}\nUsage: \`${SUBSCRIBE_USAGE}\`` }, flavour);
}

/** `unsubscribe`: told to the channel, like subscribing. */
export function unsubscribedReply(project: SubscribedProject, flavour: ChatFlavour): CommandReply {
  const text = `This channel is no longer subscribed to ${markdownLink(project.projectPath, project.projectUrl)}.`;
  return inChannel({ text }, flavour);
}

/** `unsubscribe` in a channel that is not subscribed to the project. */
export function nothingToUnsubscribeReply(project: SubscribedProject, flavour: ChatFlavour): CommandReply {
  const text = `This channel is not subscribed to ${markdownLink(project.projectPath, project.projectUrl)}.`;
  return ephemeral({ text }, flavour);
}

/** `subscriptions`: the channel's subscriptions, one line each. */
export function subscriptionListReply(
  subscriptions: readonly ChannelSubscription[],
  flavour: ChatFlavour,
): CommandReply {
  if (subscriptions.length === 0) {
    return ephemeral({ text: 'This channel is not subscribed to any GitLab project.' }, flavour);
  }
  const lines = subscriptions.map((s) => {
    const project = s.projectUrl ? markdownLink(s.projectPath, s.projectUrl) : stripMarkup(s.projectPath);
    return `- ${project}: ${eventList(s.events)}${s.filters ? ` (${s.filters})` : ''}`;
  });
  return ephemeral({ text: ['This channel is subscribed to:', ...lines].join('\n') }, flavour);
}

function eventList(events: readonly string[]): string {
  return events.length > 0 ? events.join(', ') : 'the default events';
}
