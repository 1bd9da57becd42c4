import { type IntegrationWithDestination } from '@chatops/db';
import { loadFixture } from '@chatops/test-support/fixtures';
import { explainEvent } from './explain';

function integration(id: string, overrides: Partial<IntegrationWithDestination> = {}): IntegrationWithDestination {
  return {
    id,
    name: id,
    active: true,
    destination: 'slack_bot',
    defaultChannel: 'general',
    confidentialChannels: [],
    branchesToBeNotified: 'default',
    branchInclude: [],
    branchExclude: [],
    labelsToBeNotified: [],
    labelsBehavior: 'match_any',
    labelsExclude: [],
    notifyOnlyBrokenPipelines: true,
    notifyOnlyWhenPipelineStatusChanges: false,
    routes: [{ integrationId: id, event: 'push', channels: [] }],
    ...overrides,
  } as IntegrationWithDestination;
}

describe('explainEvent', () => {
  const push = loadFixture('push.json');

  it('says per integration where the event goes and why not', () => {
    const explanation = explainEvent('Push Hook', { ...push, ref: 'refs/heads/feature' }, [
      integration('ci'),
      integration('all', { branchesToBeNotified: 'all' }),
      integration('off', { active: false, branchesToBeNotified: 'all' }),
    ]);
    expect(explanation.kind).toBe('push');
    expect(explanation.integrations).toEqual([
      expect.objectContaining({
        name: 'ci',
        sentTo: [],
        skipped: [expect.objectContaining({ reason: 'branch_not_notified' })],
      }),
      expect.objectContaining({ name: 'all', sentTo: ['general'], skipped: [] }),
      expect.objectContaining({
        name: 'off',
        sentTo: [],
        skipped: [expect.objectContaining({ reason: 'integration_disabled' })],
      }),
    ]);
  });

  it('says when nothing would be sent at all', () => {
    expect(explainEvent('Push Hook', push, []).nothing).toBe('the project has no integration');
    expect(explainEvent('Job Hook', {}, [integration('ci')]).nothing).toBe('no integration handles Job Hook events');
    const update = {
      ...loadFixture('issue.json'),
      object_attributes: {
        ...loadFixture<{ object_attributes: object }>('issue.json').object_attributes,
        action: 'update',
      },
    };
    expect(explainEvent('Issue Hook', update, [integration('ci')]).nothing).toMatch(
      /GitLab does not notify this issue event/,
    );
  });
});
