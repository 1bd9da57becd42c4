import { listInstallRequests } from '@chatops/db';
import { defineCommand } from '../command';
import { printRows } from '../lifecycle';

const STATUSES = ['pending', 'approved', 'denied', 'all'] as const;

export const slackInstallRequests = defineCommand({
  name: 'slack:install:requests',
  summary: 'List Slack install requests waiting for approval (or decided ones, with --status)',
  options: {
    status: { description: 'pending (default), approved, denied or all' },
  },
  check: (options) =>
    options.status === undefined || (STATUSES as readonly string[]).includes(options.status)
      ? []
      : [`--status is one of ${STATUSES.join(', ')}`],
  async run(options, { db, print }) {
    const status = (options.status ?? 'pending') as (typeof STATUSES)[number];
    const requests = await listInstallRequests(db, status === 'all' ? {} : { status });
    printRows(
      print,
      requests.map((r) => [
        r.id,
        `${r.teamName} (${r.teamId})`,
        `by ${r.requestedBy}`,
        r.createdAt.toISOString(),
        r.status === 'pending' ? 'pending' : `${r.status} by ${r.decidedBy ?? '?'}`,
        r.message ? `"${r.message.replace(/\s+/g, ' ').slice(0, 80)}"` : '',
      ]),
      status === 'pending'
        ? 'no install requests waiting'
        : `no ${status === 'all' ? '' : `${status} `}install requests`,
    );
    return requests;
  },
});
