import { type Integration } from '@chatops/db';
import { type EventKind, isTagRef, LABELLED_EVENT_KINDS, refName } from '@chatops/gitlab';
import { type EventFacts } from '@chatops/messages';
import picomatch from 'picomatch';
import { refPasses } from './ref-filter';

type FilterSettings = Pick<
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
  if (REF_KINDS.has(kind) && !(refPasses(settings.branchesToBeNotified, facts) && branchGlobsPass(settings, facts.ref)))
    return false;
  if (LABELLED_KINDS.has(kind) && !labelsPass(settings, facts.labels)) return false;
  if (kind === 'pipeline' && !pipelinePasses(settings, facts.pipeline)) return false;
  return true;
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
