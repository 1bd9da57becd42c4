import { type Integration } from '@chatops/db';
import { type EventKind, isTagRef, LABELLED_EVENT_KINDS, refName } from '@chatops/gitlab';
import { type EventFacts } from '@chatops/messages';
import picomatch from 'picomatch';
import { describeRefScope, refPasses } from './ref-filter';
import { type Skip } from './skip-reasons';

export type FilterSettings = Pick<
  Integration,
  | 'branchesToBeNotified'
  | 'branchInclude'
  | 'branchExclude'
  | 'labelsToBeNotified'
  | 'labelsBehavior'
  | 'labelsExclude'
  | 'notifyOnlyBrokenPipelines'
  | 'notifyOnlyWhenPipelineStatusChanges'
>;

/** The kinds GitLab applies its label filter to (pipelines and pushes have no labels). */
const LABELLED_KINDS: ReadonlySet<EventKind> = new Set(LABELLED_EVENT_KINDS);
/** The kinds GitLab applies its branch filter to. */
const REF_KINDS: ReadonlySet<EventKind> = new Set(['push', 'tag_push', 'pipeline', 'deployment']);

/** Whether an integration's filters let this event through. */
export function eventPasses(settings: FilterSettings, kind: EventKind, facts: EventFacts): boolean {
  return filterSkip(settings, kind, facts) === null;
}

/** Which of an integration's filters stops this event, in words; null when none does. */
export function filterSkip(settings: FilterSettings, kind: EventKind, facts: EventFacts): Skip | null {
  if (REF_KINDS.has(kind)) {
    const branch = facts.ref && !isTagRef(facts.ref) ? refName(facts.ref) : undefined;
    if (branch !== undefined && !refPasses(settings.branchesToBeNotified, facts))
      return { reason: 'branch_not_notified', detail: describeRefScope(settings.branchesToBeNotified, branch, facts) };
    if (branch !== undefined && !branchGlobsPass(settings, facts.ref)) return branchGlobSkip(settings, branch);
  }
  if (LABELLED_KINDS.has(kind) && !labelsPass(settings, facts.labels)) return labelSkip(settings, facts.labels);
  if (kind === 'pipeline' && !pipelinePasses(settings, facts.pipeline)) return pipelineSkip(settings, facts.pipeline);
  return null;
}

/**
 * Beyond GitLab: glob lists on branch names (`release/*`, `**` across slashes). A branch must
 * match one include glob (when there are any) and no exclude glob. Tags are never filtered here.
 */
export function branchGlobsPass(
  settings: Pick<FilterSettings, 'branchInclude' | 'branchExclude'>,
  ref: string | undefined,
): boolean {
  if (!ref || isTagRef(ref)) return true;
  const branch = refName(ref);
  if (settings.branchInclude.length > 0 && !picomatch.isMatch(branch, settings.branchInclude)) return false;
  return !(settings.branchExclude.length > 0 && picomatch.isMatch(branch, settings.branchExclude));
}

function branchGlobSkip(settings: Pick<FilterSettings, 'branchInclude' | 'branchExclude'>, branch: string): Skip {
  if (settings.branchInclude.length > 0 && !picomatch.isMatch(branch, settings.branchInclude))
    return {
      reason: 'branch_not_included',
      detail: `branch ${branch} matches none of the branches to include (${settings.branchInclude.join(', ')})`,
    };
  return {
    reason: 'branch_excluded',
    detail: `branch ${branch} matches a branch to exclude (${settings.branchExclude.join(', ')})`,
  };
}

/** GitLab writes labels with or without the `~` of its reference syntax. */
const normalise = (labels: string[]) => labels.map((l) => l.replace(/^~/, '').trim()).filter((l) => l !== '');

/**
 * GitLab's labels_to_be_notified with match_any / match_all, plus (beyond GitLab) labels that
 * must not be present. With required labels configured, an event without labels does not notify.
 */
export function labelsPass(
  settings: Pick<FilterSettings, 'labelsToBeNotified' | 'labelsBehavior' | 'labelsExclude'>,
  eventLabels: string[] | undefined,
): boolean {
  const present = new Set(eventLabels ?? []);
  if (normalise(settings.labelsExclude).some((l) => present.has(l))) return false;
  const required = normalise(settings.labelsToBeNotified);
  if (required.length === 0) return true;
  if (present.size === 0) return false;
  return settings.labelsBehavior === 'match_all'
    ? required.every((l) => present.has(l))
    : required.some((l) => present.has(l));
}

function labelSkip(
  settings: Pick<FilterSettings, 'labelsToBeNotified' | 'labelsBehavior' | 'labelsExclude'>,
  eventLabels: string[] | undefined,
): Skip {
  const present = eventLabels ?? [];
  const excluded = normalise(settings.labelsExclude).filter((l) => present.includes(l));
  if (excluded.length > 0)
    return { reason: 'label_excluded', detail: `the event has the label ${excluded.join(', ')}, which is excluded` };
  const required = normalise(settings.labelsToBeNotified).join(', ');
  const has = present.length > 0 ? `its labels are ${present.join(', ')}` : 'it has no labels';
  const needs = settings.labelsBehavior === 'match_all' ? `all of ${required}` : `one of ${required}`;
  return { reason: 'labels_not_matched', detail: `${has}; this integration needs ${needs}` };
}

/**
 * GitLab's pipeline status filter: only finished pipelines (success, failed) notify; "only broken
 * pipelines" drops successes; "only when the status changes" keeps failures that broke the ref
 * and successes that fixed it (GitLab's ref_status_name).
 */
export function pipelinePasses(
  settings: Pick<FilterSettings, 'notifyOnlyBrokenPipelines' | 'notifyOnlyWhenPipelineStatusChanges'>,
  pipeline: EventFacts['pipeline'],
): boolean {
  if (!pipeline) return false;
  const changesOnly = settings.notifyOnlyWhenPipelineStatusChanges;
  if (pipeline.status === 'failed') return !changesOnly || pipeline.refStatusName === 'broken';
  if (pipeline.status === 'success') {
    if (settings.notifyOnlyBrokenPipelines) return false;
    return !changesOnly || pipeline.refStatusName === 'fixed';
  }
  return false;
}

function pipelineSkip(
  settings: Pick<FilterSettings, 'notifyOnlyBrokenPipelines' | 'notifyOnlyWhenPipelineStatusChanges'>,
  pipeline: EventFacts['pipeline'],
): Skip {
  const reason = 'pipeline_status_filtered';
  const status = pipeline?.status ?? 'unknown';
  if (status !== 'success' && status !== 'failed')
    return { reason, detail: `pipeline status ${status}: only finished pipelines (success, failed) notify` };
  if (status === 'success' && settings.notifyOnlyBrokenPipelines)
    return { reason, detail: 'the pipeline succeeded; this integration notifies broken pipelines only' };
  return {
    reason,
    detail: `the pipeline ${status === 'success' ? 'succeeded' : 'failed'} without changing the ref's status; this integration notifies status changes only`,
  };
}
