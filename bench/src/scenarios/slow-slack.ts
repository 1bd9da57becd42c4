import { benchEnv } from '../lib/config';
import { openLoop } from '../lib/open-loop';
import { cpuDuring } from '../lib/processes';
import { eventKey, newTag, WebhookFactory } from '../lib/payload';
import { scrape, stageBreakdown } from '../lib/metrics';
import { metric } from '../lib/results';
import { Tally } from '../lib/slack';
import { startStack } from '../lib/stack';
import { round, sleep } from '../lib/stats';
import { log, type Scenario } from './scenario';

const LATENCY_MS = 100;
/** Seconds of work the backlog holds at the ideal rate: long enough for a steady state. */
const BACKLOG_S = 15;
/** The drain is measured for at most this long (a notifier far below the ideal rate never empties the backlog). */
const MAX_DRAIN_S = 60;

interface Drain {
  notifiers: number;
  events: number;
  perSecond: number;
  delivered: number;
  cpuPercent: Record<string, number>;
  /** Mean job time (the 100 ms call and all else) and queue wait, from the notifiers' own histograms. */
  stages: Record<string, { meanMs: number; count: number }>;
}

/**
 * Queues a backlog through the gateway with no notifier running, then starts `notifiers` and
 * measures how fast the fake Slack (100 ms per call) receives messages between the 10% and 90%
 * marks of the backlog, so start-up and the tail do not count.
 */
async function drain(notifiers: number): Promise<Drain> {
  const ideal = (benchEnv.deliveryConcurrency / (LATENCY_MS / 1000)) * notifiers;
  const events = Math.round(ideal * BACKLOG_S);
  const stack = await startStack({ label: 'slow', notifiers: 0, slackLatencyMs: LATENCY_MS });
  try {
    const tally = new Tally(newTag(), events);
    const factory = new WebhookFactory(stack.endpoints[0]!);
    const loaded = await openLoop({
      url: stack.gateway.url,
      rate: 2000,
      durationS: events / 2000,
      build: (seq) => factory.build(eventKey(tally.tag, seq)),
    });
    if ((loaded.statusCounts['202'] ?? 0) !== events)
      throw new Error(`backlog not accepted: ${JSON.stringify(loaded.statusCounts)}`);
    stack.slack.tally = tally;
    const { cpuPercent } = await cpuDuring(stack.pidGroups(), async () => {
      await Promise.all(Array.from({ length: notifiers }, () => stack.startNotifier()));
      const deadline = Date.now() + MAX_DRAIN_S * 1000;
      while (tally.distinct < events && Date.now() < deadline) await sleep(100);
    });
    const empty = new Map<string, number>();
    const scraped = await Promise.all(stack.notifiers.map((n) => scrape(n.url)));
    const stages = stageBreakdown(
      [empty, empty],
      scraped.map((after) => [empty, after]),
    );
    const a = tally.arrivals;
    const from = a[Math.floor(a.length * 0.1)] ?? 0;
    const to = a[Math.floor(a.length * 0.9)] ?? 0;
    const perSecond = to > from ? (Math.floor(a.length * 0.9) - Math.floor(a.length * 0.1)) / ((to - from) / 1000) : 0;
    return { notifiers, events, perSecond: round(perSecond), delivered: tally.distinct, cpuPercent, stages };
  } finally {
    await stack.close();
  }
}

function medianRun<T extends { ratio: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor(runs.length / 2)] as T;
}

/** The job stages that ran, as "stage mean ms (n)". */
function stageNote(drain: Drain): string {
  return Object.entries(drain.stages)
    .filter(([stage, v]) => v.count > 0 && !stage.startsWith('gateway'))
    .map(([stage, v]) => `${stage} ${v.meanMs} ms (n=${v.count})`)
    .join('; ');
}

export const slowSlack: Scenario = {
  name: 'slow-slack',
  title: 'Fake Slack adding 100 ms per call: delivery throughput and scaling',
  async run() {
    const concurrency = benchEnv.deliveryConcurrency;
    const ideal = concurrency / (LATENCY_MS / 1000);
    const runs: { one: Drain; two: Drain; ratio: number }[] = [];
    for (let i = 0; i < benchEnv.runs; i++) {
      const one = await drain(1);
      log(
        'slow-slack',
        `run ${i + 1} one notifier: ${one.perSecond}/s (${one.delivered}/${one.events}), cpu ${JSON.stringify(one.cpuPercent)}`,
      );
      const two = await drain(2);
      log(
        'slow-slack',
        `run ${i + 1} two notifiers: ${two.perSecond}/s (${two.delivered}/${two.events}), cpu ${JSON.stringify(two.cpuPercent)}`,
      );
      for (const d of [one, two])
        log('slow-slack', `run ${i + 1} ${d.notifiers} notifier(s) stage means: ${stageNote(d)}`);
      runs.push({ one, two, ratio: round(two.perSecond / one.perSecond, 3) });
    }
    return {
      config: {
        slackLatencyMs: LATENCY_MS,
        deliveryConcurrency: concurrency,
        idealPerNotifier: ideal,
        backlogSeconds: BACKLOG_S,
        maxDrainS: MAX_DRAIN_S,
        method:
          'backlog queued with no notifier, then notifiers started; rate between the 10% and 90% marks of the messages that arrived within maxDrainS',
      },
      metrics: [
        metric(
          'one notifier: messages/s',
          '/s',
          runs.map((r) => r.one.perSecond),
        ),
        metric(
          `one notifier ÷ (concurrency ${concurrency} ÷ 0.1 s = ${ideal}/s)`,
          '%',
          runs.map((r) => (r.one.perSecond / ideal) * 100),
          { op: '>=', value: 90 },
        ),
        metric(
          'two notifiers: messages/s',
          '/s',
          runs.map((r) => r.two.perSecond),
        ),
        metric(
          'two notifiers ÷ one',
          '×',
          runs.map((r) => r.ratio),
          { op: '>=', value: 1.8 },
        ),
      ],
      notes:
        runs.length > 0
          ? [
              `Stage means in the median run, one notifier: ${stageNote(medianRun(runs).one)}; two notifiers: ${stageNote(medianRun(runs).two)}.`,
            ]
          : [],
      runs,
    };
  },
};
