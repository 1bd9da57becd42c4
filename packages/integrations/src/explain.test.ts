import { loadFixture } from '@chatops/test-support/fixtures';
import { explainEvent } from './explain';
import { integration } from './test-support/integration';

/** A push integration on the default branch only (GitLab's default for new integrations). */
const pushes = (id: string, overrides: Partial<Parameters<typeof integration>[0]> = {}) =>
  integration({ id, branchesToBeNotified: 'default', routes: [{ event: 'push' }], ...overrides });

describe('explainEvent', () => {
  const push = loadFixture('push.json');

  it('says per integration where the event goes and why not', () => {
    const explanation = explainEvent('Push Hook', { ...push, ref: 'refs/heads/feature' }, [
      pushes('ci'),
      pushes('all', { branchesToBeNotified: 'all' }),
      pushes('off', { active: false, branchesToBeNotified: 'all' }),
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
    expect(explainEvent('Job Hook', {}, [pushes('ci')]).nothing).toBe('no integration handles Job Hook events');
    const update = {
      ...loadFixture('issue.json'),
      object_attributes: {
        ...loadFixture<{ object_attributes: object }>('issue.json').object_attributes,
        action: 'update',
      },
    };
    expect(explainEvent('Issue Hook', update, [pushes('ci')]).nothing).toMatch(
      /GitLab does not notify this issue event/,
    );
  });
});
