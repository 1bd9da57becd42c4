import { NO_FACTS } from '@chatops/messages';
import { branchGlobsPass, eventPasses, labelsPass, pipelinePasses } from './filters';

const defaults = {
  branchesToBeNotified: 'all' as const,
  branchInclude: [] as string[],
  branchExclude: [] as string[],
  labelsToBeNotified: [] as string[],
  labelsBehavior: 'match_any' as const,
  labelsExclude: [] as string[],
  notifyOnlyBrokenPipelines: true,
  notifyOnlyWhenPipelineStatusChanges: false,
};

describe('labelsPass (GitLab labels_to_be_notified, plus none-of)', () => {
  it('passes everything when no label filter is set', () => {
    expect(labelsPass(defaults, undefined)).toBe(true);
    expect(labelsPass(defaults, ['bug'])).toBe(true);
  });

  it('match_any needs one of the labels, match_all every one', () => {
    const any = { ...defaults, labelsToBeNotified: ['~bug', ' security '] };
    expect(labelsPass(any, ['security', 'ui'])).toBe(true);
    expect(labelsPass(any, ['ui'])).toBe(false);
    const all = { ...any, labelsBehavior: 'match_all' as const };
    expect(labelsPass(all, ['bug', 'security', 'ui'])).toBe(true);
    expect(labelsPass(all, ['bug'])).toBe(false);
  });

  it('skips events without labels when labels are required, as GitLab does', () => {
    expect(labelsPass({ ...defaults, labelsToBeNotified: ['bug'] }, [])).toBe(false);
    expect(labelsPass({ ...defaults, labelsToBeNotified: ['bug'] }, undefined)).toBe(false);
  });

  it('drops events carrying an excluded label, whatever else matches', () => {
    const settings = { ...defaults, labelsToBeNotified: ['bug'], labelsExclude: ['~wontfix'] };
    expect(labelsPass(settings, ['bug', 'wontfix'])).toBe(false);
    expect(labelsPass(settings, ['bug'])).toBe(true);
    expect(labelsPass({ ...defaults, labelsExclude: ['wontfix'] }, ['wontfix'])).toBe(false);
  });
});

describe('pipelinePasses (GitLab pipeline status filter)', () => {
  const pipeline = (status: string, refStatusName?: string) => ({ status, refStatusName });
  it.each([
    ['failed, defaults', defaults, pipeline('failed'), true],
    ['success, only broken (default)', defaults, pipeline('success'), false],
    ['success, all pipelines', { ...defaults, notifyOnlyBrokenPipelines: false }, pipeline('success'), true],
    ['running never notifies', { ...defaults, notifyOnlyBrokenPipelines: false }, pipeline('running'), false],
    [
      'failed that broke the ref, changes only',
      { ...defaults, notifyOnlyWhenPipelineStatusChanges: true },
      pipeline('failed', 'broken'),
      true,
    ],
    [
      'failed again, changes only',
      { ...defaults, notifyOnlyWhenPipelineStatusChanges: true },
      pipeline('failed', 'failed'),
      false,
    ],
    [
      'success that fixed the ref, changes only',
      { ...defaults, notifyOnlyBrokenPipelines: false, notifyOnlyWhenPipelineStatusChanges: true },
      pipeline('success', 'fixed'),
      true,
    ],
    [
      'success again, changes only',
      { ...defaults, notifyOnlyBrokenPipelines: false, notifyOnlyWhenPipelineStatusChanges: true },
      pipeline('success', 'success'),
      false,
    ],
  ])('%s', (_label, settings, facts, expected) => {
    expect(pipelinePasses(settings, facts)).toBe(expected);
  });
});

describe('branchGlobsPass', () => {
  it('includes and excludes by glob, with ** crossing slashes', () => {
    const settings = { branchInclude: ['main', 'release/*', 'epic/**'], branchExclude: ['release/*-rc'] };
    expect(branchGlobsPass(settings, 'refs/heads/main')).toBe(true);
    expect(branchGlobsPass(settings, 'refs/heads/release/1.0')).toBe(true);
    expect(branchGlobsPass(settings, 'refs/heads/release/1.0-rc')).toBe(false);
    expect(branchGlobsPass(settings, 'refs/heads/release/1/hotfix')).toBe(false);
    expect(branchGlobsPass(settings, 'refs/heads/epic/a/b')).toBe(true);
    expect(branchGlobsPass(settings, 'refs/heads/feature')).toBe(false);
    expect(branchGlobsPass(settings, 'refs/tags/v1')).toBe(true);
    expect(branchGlobsPass({ branchInclude: [], branchExclude: ['dependabot-*'] }, 'dependabot-npm')).toBe(false);
  });
});

describe('eventPasses', () => {
  it('applies only the filters each kind has', () => {
    const strict = { ...defaults, branchesToBeNotified: 'default' as const, labelsToBeNotified: ['bug'] };
    // Labels do not apply to pushes; the branch filter does.
    expect(eventPasses(strict, 'push', { ...NO_FACTS, ref: 'refs/heads/main', defaultBranch: 'main' })).toBe(true);
    expect(eventPasses(strict, 'push', { ...NO_FACTS, ref: 'refs/heads/x', defaultBranch: 'main' })).toBe(false);
    // The branch filter does not apply to issues; labels do.
    expect(eventPasses(strict, 'issue', { ...NO_FACTS, labels: ['bug'] })).toBe(true);
    expect(eventPasses(strict, 'issue', { ...NO_FACTS, labels: ['ui'] })).toBe(false);
    // Pipelines: branch filter and status filter, never labels.
    const pipelineFacts = {
      ...NO_FACTS,
      ref: 'main',
      defaultBranch: 'main',
      pipeline: { status: 'failed', refStatusName: undefined },
    };
    expect(eventPasses(strict, 'pipeline', pipelineFacts)).toBe(true);
    expect(eventPasses(strict, 'pipeline', { ...pipelineFacts, ref: 'feature' })).toBe(false);
    expect(
      eventPasses(strict, 'pipeline', { ...pipelineFacts, pipeline: { status: 'success', refStatusName: undefined } }),
    ).toBe(false);
  });
});
