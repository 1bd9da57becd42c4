import { type DeliveryRecord, type DeliveryStatus, listIntegrationDeliveries, type Page } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { nextPageCommand, pageOptions } from '../paging';
import { timeRange, timeRangeOptions } from '../time-range';

const STATUSES: readonly DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'skipped'];

/** One line per delivery, its attempts indented below, and the command that lists the next page. */
export function printDeliveries(
  page: Page<DeliveryRecord>,
  print: (line: string) => void,
  nextPage: (cursor: string) => string,
): void {
  if (page.items.length === 0) print('no deliveries');
  for (const d of page.items) {
    const error = d.lastErrorCode ? `  ${d.lastErrorCode}${d.lastErrorMessage ? `: ${d.lastErrorMessage}` : ''}` : '';
    print(
      `${d.id}  ${d.createdAt.toISOString()}  ${d.status}  ${d.eventKind}  ${d.channel || '(webhook channel)'}  attempts=${d.attempts}${error}`,
    );
    for (const a of d.attemptLog) {
      const detail = [a.errorCode, a.httpStatus ? `http ${a.httpStatus}` : undefined].filter(Boolean).join(' ');
      print(
        `    #${a.attempt} ${a.createdAt.toISOString()} ${a.outcome}${detail ? ` ${detail}` : ''} ${a.durationMs}ms`,
      );
    }
  }
  if (page.nextCursor) print(`more: ${nextPage(page.nextCursor)}`);
}

export const deliveriesList = defineCommand({
  name: 'deliveries:list',
  summary: "An integration's delivery history, newest first, with every attempt",
  options: {
    integration: { description: 'integration id (see integration:list)', required: true },
    status: { description: `only deliveries in this state: ${STATUSES.join(' | ')}` },
    channel: { description: 'only deliveries to this channel' },
    ...timeRangeOptions,
    limit: { description: 'deliveries per page, 1–200 (default: 50)' },
    cursor: { description: 'continue after this delivery (printed at the end of a full page)' },
  },
  async run(options, { db, print }) {
    const integrationId = requireOption(options, 'integration');
    const status = options.status as DeliveryStatus | undefined;
    if (status !== undefined && !STATUSES.includes(status))
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    const range = timeRange(options);
    if (!(await db.integration.findUnique({ where: { id: integrationId }, select: { id: true } })))
      throw new UsageError(`unknown integration: ${integrationId}`);
    const page = await listIntegrationDeliveries(db, integrationId, {
      status,
      channel: options.channel,
      ...range,
      ...pageOptions(options),
    });
    printDeliveries(page, print, (cursor) =>
      nextPageCommand('deliveries:list', options, ['integration', 'status', 'channel', 'since', 'until'], cursor),
    );
    return page;
  },
});
