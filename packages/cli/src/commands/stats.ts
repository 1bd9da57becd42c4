import { type DeliveryWindow, deliveryStats, findProjectByPathOrAlias } from '@chatops/db';
import { queueCounts } from '@chatops/jobs';
import { defineCommand, listOption, UsageError } from '../command';

const percent = (rate: number | null) => (rate === null ? 'no delivery finished' : `${(rate * 100).toFixed(1)}% sent`);

const windowLine = (label: string, w: DeliveryWindow) => {
  const d = w.deliveries;
  const total = d.pending + d.sending + d.sent + d.failed + d.skipped;
  return (
    `${label}  ${w.events} events, ${total} deliveries: ${d.sent} sent, ${d.failed} failed, ${d.pending} pending, ` +
    `${d.sending} sending, ${d.skipped} skipped; ${percent(w.successRate)}`
  );
};

export const stats = defineCommand({
  name: 'stats',
  summary:
    'At a glance: deliveries of the last hour and day, the job queues, the slowest channels; needs REDIS_URL and QUEUE_PREFIX',
  options: {
    project: { description: 'only these projects’ deliveries (paths or aliases, comma-separated); queues stay global' },
  },
  async run(options, { db, queues, print }) {
    let projectIds: string[] | undefined;
    if (options.project !== undefined) {
      projectIds = [];
      for (const name of listOption(options.project)) {
        const project = await findProjectByPathOrAlias(db, name);
        if (!project) throw new UsageError(`unknown project: ${name}`);
        projectIds.push(project.id);
      }
      if (projectIds.length === 0) throw new UsageError('--project needs a project path or alias');
    }
    const now = new Date();
    const [deliveries, queueStates] = await Promise.all([deliveryStats(db, { now, projectIds }), queueCounts(queues)]);
    const result = { generatedAt: now.toISOString(), ...deliveries, queues: queueStates };

    print(windowLine('last hour', deliveries.windows.lastHour));
    print(windowLine('last day ', deliveries.windows.lastDay));
    print('queues (waiting / active / delayed / failed):');
    for (const q of queueStates) print(`  ${q.name}  ${q.waiting} / ${q.active} / ${q.delayed} / ${q.failed}`);
    if (deliveries.slowestChannels.length === 0) print('slowest channels: no tries in the last day');
    else print('slowest channels over the last day (p50 / p95 / max):');
    for (const c of deliveries.slowestChannels)
      print(
        `  ${c.projectPath}  ${c.integrationName}  ${c.channel || '(webhook channel)'}  ` +
          `${c.p50Ms} / ${c.p95Ms} / ${c.maxMs} ms  (${c.deliveries} deliveries)`,
      );
    return result;
  },
});
