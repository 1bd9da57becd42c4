import { type IntegrationWithDestination } from '@chatops/db';
import { NO_FACTS } from '@chatops/messages';
import { planTargets } from './plan-targets';
import { refPasses } from './ref-filter';

function integration(
  overrides: Partial<Omit<IntegrationWithDestination, 'routes'>> & {
    routes: Array<{ event: string; channels?: string[] }>;
  },
): IntegrationWithDestination {
  const { routes, ...rest } = overrides;
  return {
    id: rest.id ?? 'i1',
    defaultChannel: 'general',
    confidentialChannels: [],
    branchesToBeNotified: 'all',
    branchInclude: [],
    branchExclude: [],
    labelsToBeNotified: [],
    labelsBehavior: 'match_any',
    labelsExclude: [],
    notifyOnlyBrokenPipelines: true,
    notifyOnlyWhenPipelineStatusChanges: false,
    ...rest,
    routes: routes.map((r) => ({ integrationId: rest.id ?? 'i1', event: r.event, channels: r.channels ?? [] })),
  } as IntegrationWithDestination;
}
const main = { ...NO_FACTS, ref: 'refs/heads/main', defaultBranch: 'main', refProtected: false };
const channelsOf = (targets: ReturnType<typeof planTargets>) => targets.map((t) => `${t.integration.id}:${t.channel}`);

describe('planTargets', () => {
  it('sends an event to the route channels, else the default channel', () => {
    const targets = planTargets('push', main, [
      integration({ id: 'a', routes: [{ event: 'push', channels: ['ci', 'dev', 'ci'] }] }),
      integration({ id: 'b', routes: [{ event: 'push' }] }),
      integration({ id: 'c', routes: [{ event: 'issue' }] }),
    ]);
    expect(channelsOf(targets)).toEqual(['a:ci', 'a:dev', 'b:general']);
  });

  it('sends nothing when neither route channels nor a default channel exist', () => {
    expect(planTargets('push', main, [integration({ defaultChannel: null, routes: [{ event: 'push' }] })])).toEqual([]);
  });

  it('never sends confidential events to channels not allowed for them', () => {
    const targets = planTargets('confidential_issue', { ...NO_FACTS, defaultBranch: 'main' }, [
      integration({ id: 'fallback', routes: [{ event: 'confidential_issue' }] }),
      integration({
        id: 'mixed',
        confidentialChannels: ['security'],
        routes: [{ event: 'confidential_issue', channels: ['general', 'security'] }],
      }),
      integration({ id: 'note', confidentialChannels: ['general'], routes: [{ event: 'confidential_note' }] }),
    ]);
    expect(channelsOf(targets)).toEqual(['mixed:security']);
    expect(
      channelsOf(
        planTargets('confidential_note', main, [
          integration({ id: 'note', confidentialChannels: ['general'], routes: [{ event: 'confidential_note' }] }),
        ]),
      ),
    ).toEqual(['note:general']);
  });

  it('applies the branch filter', () => {
    const only = integration({ branchesToBeNotified: 'default', routes: [{ event: 'push' }] });
    expect(planTargets('push', { ...main, ref: 'refs/heads/feature' }, [only])).toEqual([]);
    expect(planTargets('push', main, [only])).toHaveLength(1);
  });
});

describe('refPasses (GitLab branches_to_be_notified)', () => {
  const feature = { ref: 'refs/heads/feature', defaultBranch: 'main', refProtected: false };
  const protectedFeature = { ...feature, refProtected: true };
  it.each([
    ['all', feature, true],
    ['default', main, true],
    ['default', feature, false],
    ['protected', protectedFeature, true],
    ['protected', main, false],
    ['default_and_protected', main, true],
    ['default_and_protected', protectedFeature, true],
    ['default_and_protected', feature, false],
    ['default', { ...feature, ref: 'refs/tags/v1' }, true],
    ['protected', { ...feature, ref: undefined }, true],
  ] as const)('%s with %o → %s', (scope, context, expected) => {
    expect(refPasses(scope, context)).toBe(expected);
  });
});
