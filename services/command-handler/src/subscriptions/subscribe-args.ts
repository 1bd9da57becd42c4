import { EVENT_KINDS, isEventKind } from '@chatops/gitlab';

/** Filters accepted by `subscribe`, the same names the admin API uses. */
export interface SubscribeOptions {
  /** Event kinds, e.g. ['push', 'merge_request']; empty → GitLab's defaults for new integrations. */
  events: string[];
  branches?: 'all' | 'default' | 'protected' | 'default_and_protected';
  labels?: string[];
  onlyBrokenPipelines?: boolean;
}

const BRANCH_FILTERS = ['all', 'default', 'protected', 'default_and_protected'] as const;
type BranchFilter = (typeof BRANCH_FILTERS)[number];

const OPTIONS = ['--branches=…', '--labels=…', '--only-broken-pipelines', '--all-pipelines'];

/** The syntax of `subscribe`, shown in help and after a mistake. */
export const SUBSCRIBE_USAGE =
  'subscribe [event,…] [--branches=all|default|protected|default_and_protected] [--labels=a,b] [--only-broken-pipelines|--all-pipelines]';

export type SubscribeArgsResult = { ok: true; options: SubscribeOptions } | { ok: false; error: string };

/**
 * Parses the arguments of `subscribe`: event kinds (separated by commas or spaces) and `--flags`.
 * Every mistake is reported with the word that caused it and the values that would work, since
 * the user only sees the reply text.
 */
export function parseSubscribeArgs(args: string): SubscribeArgsResult {
  const events: string[] = [];
  const options: Omit<SubscribeOptions, 'events'> = {};

  for (const token of tokenize(args)) {
    if (token.startsWith('--')) {
      const error = applyFlag(token, options);
      if (error) return { ok: false, error };
      continue;
    }
    for (const event of token.split(',').filter((e) => e !== '')) {
      if (!isEventKind(event)) {
        return { ok: false, error: `Unknown event "${event}". Valid events: ${EVENT_KINDS.join(', ')}.` };
      }
      if (!events.includes(event)) events.push(event);
    }
  }
  return { ok: true, options: { events, ...options } };
}

/** Applies one `--flag` to the options; returns an error message when it is not valid. */
function applyFlag(token: string, options: Omit<SubscribeOptions, 'events'>): string | null {
  const [flag = '', value] = splitOnce(token, '=');
  switch (flag) {
    case '--branches':
      if (!isBranchFilter(value)) {
        return `Invalid value "${value ?? ''}" for --branches. Valid values: ${BRANCH_FILTERS.join(', ')}.`;
      }
      options.branches = value;
      return null;
    case '--labels': {
      const labels = (value ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      if (labels.length === 0) return '--labels needs at least one label, e.g. --labels=bug,"needs review".';
      options.labels = labels;
      return null;
    }
    case '--only-broken-pipelines':
    case '--all-pipelines': {
      if (value !== undefined) return `${flag} takes no value.`;
      const onlyBroken = flag === '--only-broken-pipelines';
      if (options.onlyBrokenPipelines === !onlyBroken) {
        return 'Use either --only-broken-pipelines or --all-pipelines, not both.';
      }
      options.onlyBrokenPipelines = onlyBroken;
      return null;
    }
    default:
      return `Unknown option "${flag}". Valid options: ${OPTIONS.join(', ')}.`;
  }
}

function isBranchFilter(value: string | undefined): value is BranchFilter {
  return (BRANCH_FILTERS as readonly (string | undefined)[]).includes(value);
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Splits on whitespace, keeping double-quoted parts together (without the quotes), so label
 * names with spaces can be given: `--labels="To Do",bug`.
 */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/(?:"[^"]*"?|[^\s"]+)+/g)) {
    tokens.push(match[0].replace(/"/g, ''));
  }
  return tokens;
}
