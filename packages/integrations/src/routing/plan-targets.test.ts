import { type IntegrationWithDestination } from '@chatops/db';
import { NO_FACTS } from '@chatops/messages';
import { planTargets, routeDecisions } from './plan-targets';
import { integration } from '../test-support/integration';
import { refPasses } from './ref-filter';

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

  it('treats a confidential incident as confidential content, though GitLab sends it as an incident', () => {
    const incidents = integration({
      confidentialChannels: ['security'],
      routes: [{ event: 'incident', channels: ['general', 'security'] }],
    });
    expect(channelsOf(planTargets('incident', { ...NO_FACTS, confidential: true }, [incidents]))).toEqual([
      'i1:security',
    ]);
    expect(channelsOf(planTargets('incident', NO_FACTS, [incidents]))).toEqual(['i1:general', 'i1:security']);
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

describe('routeDecisions: why an event is not sent', () => {
  const skipsOf = (decisions: ReturnType<typeof routeDecisions>) =>
    decisions.flatMap((d) => d.skipped.map((s) => ({ id: d.integration.id, ...s })));

  it('names the event an integration does not notify, with its triggers', () => {
    const [decision] = routeDecisions('push', main, [integration({ routes: [{ event: 'issue' }, { event: 'note' }] })]);
    expect(decision?.skipped).toEqual([
      {
        channel: '',
        reason: 'event_not_routed',
        detail: 'this integration does not notify push events (its triggers: issue, note)',
      },
    ]);
  });

  it('names the branch and the default branch the event carries', () => {
    const feature = { ...main, ref: 'refs/heads/feature/x' };
    const decisions = routeDecisions('push', feature, [
      integration({ id: 'd', branchesToBeNotified: 'default', routes: [{ event: 'push' }] }),
      integration({ id: 'p', branchesToBeNotified: 'protected', routes: [{ event: 'push' }] }),
      integration({ id: 'g', branchInclude: ['release/*'], routes: [{ event: 'push' }] }),
      integration({ id: 'x', branchExclude: ['feature/**'], routes: [{ event: 'push' }] }),
    ]);
    expect(skipsOf(decisions).map((s) => [s.id, s.reason, s.detail])).toEqual([
      [
        'd',
        'branch_not_notified',
        'branch feature/x is not the default branch (main); this integration notifies the default branch only',
      ],
      [
        'p',
        'branch_not_notified',
        'branch feature/x is not protected; this integration notifies protected branches only',
      ],
      ['g', 'branch_not_included', 'branch feature/x matches none of the branches to include (release/*)'],
      ['x', 'branch_excluded', 'branch feature/x matches a branch to exclude (feature/**)'],
    ]);
  });

  it("falls back to the project's stored default branch when the payload has none", () => {
    const noDefault = { ...main, ref: 'refs/heads/trunk', defaultBranch: undefined };
    const stored = integration({
      branchesToBeNotified: 'default',
      routes: [{ event: 'push' }],
      project: { defaultBranch: 'trunk' } as IntegrationWithDestination['project'],
    });
    expect(planTargets('push', noDefault, [stored])).toHaveLength(1);
    const unknown = integration({ branchesToBeNotified: 'default', routes: [{ event: 'push' }] });
    expect(skipsOf(routeDecisions('push', noDefault, [unknown]))[0]?.detail).toBe(
      'branch trunk is not the default branch (the event does not say which branch that is); this integration notifies the default branch only',
    );
  });

  it('explains label and pipeline filters', () => {
    const labelled = integration({
      labelsToBeNotified: ['bug'],
      labelsExclude: ['wontfix'],
      routes: [{ event: 'issue' }],
    });
    expect(skipsOf(routeDecisions('issue', { ...NO_FACTS, labels: ['ui'] }, [labelled]))[0]).toMatchObject({
      reason: 'labels_not_matched',
      detail: 'its labels are ui; this integration needs one of bug',
    });
    expect(skipsOf(routeDecisions('issue', { ...NO_FACTS, labels: ['bug', 'wontfix'] }, [labelled]))[0]).toMatchObject({
      reason: 'label_excluded',
      detail: 'the event has the label wontfix, which is excluded',
    });
    const pipelines = integration({ routes: [{ event: 'pipeline' }] });
    const running = { ...main, pipeline: { status: 'running', refStatusName: undefined } };
    const success = { ...main, pipeline: { status: 'success', refStatusName: undefined } };
    expect(skipsOf(routeDecisions('pipeline', running, [pipelines]))[0]?.detail).toBe(
      'pipeline status running: only finished pipelines (success, failed) notify',
    );
    expect(skipsOf(routeDecisions('pipeline', success, [pipelines]))[0]?.detail).toBe(
      'the pipeline succeeded; this integration notifies broken pipelines only',
    );
  });

  it('says when there is no channel, and which channels may not get confidential content', () => {
    const noChannel = integration({ defaultChannel: null, routes: [{ event: 'push' }] });
    expect(skipsOf(routeDecisions('push', main, [noChannel]))[0]).toMatchObject({ reason: 'no_channel' });
    const confidential = integration({
      confidentialChannels: ['sec'],
      routes: [{ event: 'confidential_issue', channels: ['sec', 'general'] }],
    });
    const [decision] = routeDecisions('confidential_issue', NO_FACTS, [confidential]);
    expect(decision?.channels).toEqual(['sec']);
    expect(decision?.skipped).toEqual([
      {
        channel: 'general',
        reason: 'confidential_channel_not_allowed',
        detail: 'general is not among the channels allowed confidential content (confidentialChannels)',
      },
    ]);
  });
});
