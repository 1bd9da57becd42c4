import { alertPollingStatus, type AlertPollState } from '@chatops/db';
import { defineCommand } from '../command';

/** What each state means to an operator, and what to do about it. */
const SAYS: Record<AlertPollState, string> = {
  polling: 'polling',
  failing: 'FAILING',
  no_token: 'not polled: no API token (project:add --api-token)',
  no_endpoint: 'not polled: no enabled webhook endpoint (endpoint:create)',
};

export const alertsStatus = defineCommand({
  name: 'alerts:status',
  summary: 'Alert polling per project routing alert: polled or why not, the last poll, the newest alert seen',
  options: {},
  async run(_options, { db, print }) {
    const projects = await alertPollingStatus(db);
    if (projects.length === 0) print('no project has an active integration routing alert');
    for (const p of projects) {
      const seen = p.lastAlertIid === null ? '-' : `#${p.lastAlertIid}`;
      const polled = p.lastPolledAt?.toISOString() ?? 'never';
      print(`${p.pathWithNamespace}  ${SAYS[p.state]}  last poll: ${polled}  newest alert seen: ${seen}`);
      if (p.lastError) print(`  last error (${p.lastErrorAt?.toISOString() ?? '-'}): ${p.lastError}`);
    }
    return projects;
  },
});
