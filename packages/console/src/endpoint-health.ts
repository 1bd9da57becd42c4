import { type ApiProjectHook } from '@chatops/gitlab';
import { type Endpoint } from './api-types';

export interface EndpointHealth {
  level: 'ok' | 'warning' | 'off';
  /** What an operator should know, in one sentence each. */
  notes: string[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A week without an event is worth a look for most projects; quieter ones can ignore it. */
const SILENT_AFTER_MS = 7 * DAY;

/**
 * An endpoint at a glance: disabled, silent (no event yet an hour after creation, or none for a
 * week), refused by GitLab's auto-disabling, or failing to route events.
 */
export function endpointHealth(
  endpoint: Endpoint,
  hook: ApiProjectHook | undefined | 'unknown',
  failedEvents: number,
  now: number,
): EndpointHealth {
  const notes: string[] = [];
  if (endpoint.disabledAt) return { level: 'off', notes: ["Disabled: GitLab's calls are refused (403)."] };
  if (hook === undefined) notes.push('Not registered as a webhook of the project in GitLab.');
  else if (hook !== 'unknown' && hook.alert_status && hook.alert_status !== 'executable')
    notes.push(
      `GitLab has ${hook.alert_status.replace('_', ' ')} this hook after failed calls` +
        (hook.disabled_until ? ` (until ${hook.disabled_until})` : '') +
        '.',
    );
  const last = endpoint.lastEventAt ? Date.parse(endpoint.lastEventAt) : null;
  if (last === null) {
    if (now - Date.parse(endpoint.createdAt) > HOUR) notes.push('No event received since it was created.');
  } else if (now - last > SILENT_AFTER_MS) {
    notes.push(`Silent for ${Math.floor((now - last) / DAY)} days.`);
  }
  if (failedEvents > 0)
    notes.push(`${failedEvents} event${failedEvents === 1 ? '' : 's'} failed to route this week (see Dead letters).`);
  return { level: notes.length > 0 ? 'warning' : 'ok', notes };
}
