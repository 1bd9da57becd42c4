import { stripMarkup } from '@chatops/chat';
import { type SubscribeOptions } from './subscribe-args';

/** The filters of a subscription in words, e.g. `branches: default; labels: bug; only broken pipelines`. */
export function describeSubscriptionFilters(options: Omit<SubscribeOptions, 'events'>): string {
  const parts: string[] = [];
  if (options.branches) parts.push(`branches: ${options.branches}`);
  if (options.labels && options.labels.length > 0) parts.push(`labels: ${options.labels.map(stripMarkup).join(', ')}`);
  if (options.onlyBrokenPipelines === true) parts.push('only broken pipelines');
  if (options.onlyBrokenPipelines === false) parts.push('all pipelines');
  return parts.join('; ');
}

/** The events of a subscription, e.g. `push, pipeline`. */
export function eventList(events: readonly string[]): string {
  return events.length > 0 ? events.join(', ') : 'the default events';
}
