import { listDeadLetters } from '@chatops/db';
import { defineCommand } from '../command';
import { pageOptions, printDeliveries } from './deliveries-list';

export const deliveriesDeadLetters = defineCommand({
  name: 'deliveries:dead-letters',
  summary: 'Deliveries that failed for good (permanent error or retries exhausted), newest first',
  options: {
    limit: { description: 'deliveries per page, 1–200 (default: 50)' },
    cursor: { description: 'continue after this delivery (printed at the end of a full page)' },
  },
  async run(options, { db, print }) {
    const page = await listDeadLetters(db, pageOptions(options));
    printDeliveries(page, print, 'chatops deliveries:dead-letters');
    return page;
  },
});
