import { type TimeRange } from '@chatops/db';
import { UsageError } from './command';

/** `--since` and `--until`, for commands that list by creation time. */
export const timeRangeOptions = {
  since: { description: 'only what was created at or after this time (ISO 8601, e.g. 2026-12-01T09:00:00Z)' },
  until: { description: 'only what was created before this time (ISO 8601)' },
};

// A date and a time with a zone, as the admin API takes them: a bare date or local time would
// depend on the machine the CLI runs on.
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

function instant(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(date.getTime()))
    throw new UsageError(`--${name} must be a time with its zone, e.g. 2026-12-01T09:00:00Z`);
  return date;
}

/** The range of `--since` and `--until`; a usage error for a value that is not such a time. */
export function timeRange(options: { since?: string; until?: string }): TimeRange {
  const since = instant('since', options.since);
  const until = instant('until', options.until);
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}
