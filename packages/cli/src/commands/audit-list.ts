import { type AuditEntry, listAuditEntries } from '@chatops/db';
import { defineCommand } from '../command';
import { nextPageCommand, pageOptions } from '../paging';
import { timeRange, timeRangeOptions } from '../time-range';

const line = (e: AuditEntry) =>
  `${e.createdAt.toISOString()}  ${e.actor}  ${e.action}  ${e.target}  ${JSON.stringify(e.details)}`;

export const auditList = defineCommand({
  name: 'audit:list',
  summary: 'The audit log, newest first: every administrative change, who made it (actor) and when',
  options: {
    actor: { description: 'only changes by exactly this actor (admin-api, cli, gitlab:alice, …)' },
    action: { description: 'only changes of exactly this action, e.g. integration.update' },
    target: { description: 'only changes to targets starting with this (give the id of a project, endpoint, …)' },
    ...timeRangeOptions,
    limit: { description: 'entries per page, 1–200 (default: 50)' },
    cursor: { description: 'continue after this entry (printed at the end of a full page)' },
  },
  async run(options, { db, print }) {
    const filter = {
      ...(options.actor ? { actor: options.actor } : {}),
      ...(options.action ? { action: options.action } : {}),
      ...(options.target ? { target: options.target } : {}),
      ...timeRange(options),
    };
    const page = await listAuditEntries(db, { ...filter, ...pageOptions(options) });
    if (page.items.length === 0) print('no audit entries');
    for (const entry of page.items) print(line(entry));
    if (page.nextCursor)
      print(
        `more: ${nextPageCommand('audit:list', options, ['actor', 'action', 'target', 'since', 'until'], page.nextCursor)}`,
      );
    return page;
  },
});
