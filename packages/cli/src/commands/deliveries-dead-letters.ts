import { listDeadLetters } from '@chatops/db';
import { defineCommand } from '../command';
import { nextPageCommand, pageOptions } from '../paging';
import { timeRange, timeRangeOptions } from '../time-range';
import { printDeliveries } from './deliveries-list';

export const deliveriesDeadLetters = defineCommand({
  name: 'deliveries:dead-letters',
  summary: 'Deliveries that failed for good (permanent error or retries exhausted), newest first',
  options: {
    ...timeRangeOptions,
    limit: { description: 'deliveries per page, 1–200 (default: 50)' },
    cursor: { description: 'continue after this delivery (printed at the end of a full page)' },
  },
  async run(options, { db, print }) {
    const page = await listDeadLetters(db, { ...timeRange(options), ...pageOptions(options) });
    printDeliveries(page, print, (cursor) =>
      nextPageCommand('deliveries:dead-letters', options, ['since', 'until'], cursor),
    );
    return page;
  },
});
