import { benchEnv } from '../lib/config';
import { openLoop } from '../lib/open-loop';
import { eventKey, newTag, WebhookFactory } from '../lib/payload';
import { metric } from '../lib/results';
import { Tally } from '../lib/slack';
import { startStack } from '../lib/stack';
import { round, sleep } from '../lib/stats';
import { log, type Scenario } from './scenario';

const CHANNELS = 20;
const EVENTS = 1000;
const LIMIT = { perSecond: 1, burst: 25 };

interface Run {
  allDeliveredS: number;
  delivered: number;
  duplicated: number;
  rateLimited: number;
  retriesExhausted: number;
  retryAttempts: number;
  deliveryStatuses: Record<string, number>;
}

/** 1,000 events over 20 projects (one channel each) against Slack's 1/s per channel, burst 25. */
async function once(): Promise<Run> {
  const stack = await startStack({
    label: 'ratelimit',
    projects: CHANNELS,
    notifiers: 1,
    slackRateLimit: LIMIT,
    notifierEnv: {
      NOTIFIER_CHANNEL_RATE_PER_SECOND: String(LIMIT.perSecond),
      NOTIFIER_CHANNEL_BURST: String(LIMIT.burst),
    },
  });
  try {
    const tally = new Tally(newTag(), EVENTS);
    stack.slack.tally = tally;
    const factories = stack.endpoints.map((e) => new WebhookFactory(e));
    const started = performance.now();
    const sent = await openLoop({
      url: stack.gateway.url,
      rate: 1000,
      durationS: EVENTS / 1000,
      build: (seq) => factories[seq % CHANNELS]!.build(eventKey(tally.tag, seq)),
    });
    if ((sent.statusCounts['202'] ?? 0) !== EVENTS)
      throw new Error(`not all accepted: ${JSON.stringify(sent.statusCounts)}`);
    const deadline = Date.now() + 120_000;
    while (tally.distinct < EVENTS && Date.now() < deadline) await sleep(50);
    const last = tally.arrivals[tally.arrivals.length - 1] ?? performance.now();
    await sleep(1000);
    const { db } = stack.database;
    const statuses = await db.delivery.groupBy({ by: ['status'], _count: { _all: true } });
    const deliveryStatuses = Object.fromEntries(statuses.map((s) => [s.status, s._count._all]));
    return {
      allDeliveredS: tally.distinct === EVENTS ? round((last - started) / 1000) : Number.POSITIVE_INFINITY,
      delivered: tally.distinct,
      duplicated: tally.duplicates(),
      rateLimited: stack.slack.rateLimited,
      retriesExhausted: deliveryStatuses.failed ?? 0,
      retryAttempts: await db.deliveryAttempt.count({ where: { outcome: 'retry' } }),
      deliveryStatuses,
    };
  } finally {
    await stack.close();
  }
}

export const rateLimited: Scenario = {
  name: 'rate-limited',
  title: 'Fake Slack limiting 1 message/s per channel (burst 25, then 429)',
  async run() {
    const runs: Run[] = [];
    for (let i = 0; i < benchEnv.runs; i++) {
      const r = await once();
      log(
        'rate-limited',
        `run ${i + 1}: all ${r.delivered}/${EVENTS} in ${r.allDeliveredS}s, 429s ${r.rateLimited}, failed ${r.retriesExhausted}, dup ${r.duplicated}`,
      );
      runs.push(r);
    }
    return {
      config: {
        events: EVENTS,
        channels: CHANNELS,
        fakeSlackLimit: LIMIT,
        NOTIFIER_CHANNEL_RATE_PER_SECOND: LIMIT.perSecond,
        NOTIFIER_CHANNEL_BURST: LIMIT.burst,
        layout:
          '20 projects, each with an endpoint and one integration posting to its own channel; events round-robin, sent at 1,000/s',
        floor: `${EVENTS / CHANNELS} per channel: ${LIMIT.burst} at once, then 1/s → ≥ ${EVENTS / CHANNELS - LIMIT.burst} s`,
      },
      metrics: [
        metric(
          'time until all 1,000 delivered',
          's',
          runs.map((r) => r.allDeliveredS),
          { op: '<=', value: 30 },
        ),
        metric(
          'delivered',
          '',
          runs.map((r) => r.delivered),
          { op: '>=', value: EVENTS, rule: 'every' },
        ),
        metric(
          'retries exhausted (failed deliveries)',
          '',
          runs.map((r) => r.retriesExhausted),
          { op: '<=', value: 0, rule: 'every' },
        ),
        metric(
          'duplicated',
          '',
          runs.map((r) => r.duplicated),
          { op: '<=', value: 0, rule: 'every' },
        ),
        metric(
          '429 answers from the fake Slack',
          '',
          runs.map((r) => r.rateLimited),
        ),
        metric(
          'attempts recorded as retry',
          '',
          runs.map((r) => r.retryAttempts),
        ),
      ],
      notes: [],
      runs,
    };
  },
};
