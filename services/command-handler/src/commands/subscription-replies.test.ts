import { renderReply } from '@chatops/chat';
import { describeSubscriptionFilters } from '../subscriptions/subscription-text';
import { subscribedReply, subscribeUsageErrorReply } from './subscribe.command';
import { subscriptionListReply } from './subscriptions.command';
import { nothingToUnsubscribeReply, unsubscribedReply } from './unsubscribe.command';

const PROJECT = { projectPath: 'acme/web-app', projectUrl: 'https://gitlab.example.com/acme/web-app' };

describe('subscribedReply', () => {
  it('tells the channel the events and filters (Slack)', () => {
    expect(
      renderReply(
        'slack',
        subscribedReply(PROJECT, { events: ['push', 'pipeline'], branches: 'protected', onlyBrokenPipelines: true }),
      ),
    ).toEqual({
      response_type: 'in_channel',
      text:
        'This channel is now subscribed to <https://gitlab.example.com/acme/web-app|acme/web-app>: push, pipeline.\n' +
        'Filters: branches: protected; only broken pipelines.',
    });
  });

  it('names the default events when none were given (Mattermost)', () => {
    expect(renderReply('mattermost', subscribedReply(PROJECT, { events: [] }))).toEqual({
      response_type: 'in_channel',
      text: 'This channel is now subscribed to [acme/web-app](https://gitlab.example.com/acme/web-app): the default events.',
    });
  });
});

describe('describeSubscriptionFilters', () => {
  it('describes every filter', () => {
    expect(describeSubscriptionFilters({ branches: 'all', labels: ['bug', 'To Do'], onlyBrokenPipelines: false })).toBe(
      'branches: all; labels: bug, To Do; all pipelines',
    );
  });

  it('is empty without filters', () => {
    expect(describeSubscriptionFilters({ labels: [] })).toBe('');
  });
});

describe('subscribeUsageErrorReply', () => {
  it('shows the error and the syntax to the user', () => {
    expect(renderReply('slack', subscribeUsageErrorReply('Unknown event "pushes".'))).toEqual({
      response_type: 'ephemeral',
      text:
        'Unknown event "pushes".\nUsage: `subscribe [event,…] [--branches=all|default|protected|default_and_protected] ' +
        '[--labels=a,b] [--only-broken-pipelines|--all-pipelines]`',
    });
  });
});

describe('unsubscribedReply / nothingToUnsubscribeReply', () => {
  it('tells the channel it was unsubscribed', () => {
    expect(renderReply('slack', unsubscribedReply(PROJECT))).toEqual({
      response_type: 'in_channel',
      text: 'This channel is no longer subscribed to <https://gitlab.example.com/acme/web-app|acme/web-app>.',
    });
  });

  it('tells the user there was no subscription', () => {
    expect(renderReply('mattermost', nothingToUnsubscribeReply(PROJECT))).toEqual({
      response_type: 'ephemeral',
      text: 'This channel is not subscribed to [acme/web-app](https://gitlab.example.com/acme/web-app).',
    });
  });
});

describe('subscriptionListReply', () => {
  it('lists each project with its events and filters', () => {
    const reply = renderReply(
      'slack',
      subscriptionListReply([
        { ...PROJECT, events: ['push', 'merge_request'], filters: 'branches: default' },
        { projectPath: 'acme/api', events: [] },
      ]),
    );
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text:
        'This channel is subscribed to:\n' +
        '- <https://gitlab.example.com/acme/web-app|acme/web-app>: push, merge_request (branches: default)\n' +
        '- acme/api: the default events',
    });
  });

  it('says when there is nothing', () => {
    expect(renderReply('slack', subscriptionListReply([]))).toEqual({
      response_type: 'ephemeral',
      text: 'This channel is not subscribed to any GitLab project.',
    });
  });
});
