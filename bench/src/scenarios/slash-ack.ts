import { benchEnv } from '../lib/config';
import { counterDelta, meanMs, scrape } from '../lib/metrics';
import { openLoop } from '../lib/open-loop';
import { cpuDuring } from '../lib/processes';
import { newTag, type Webhook } from '../lib/payload';
import { deletePrefix, queueBacklog, redisClient } from '../lib/redis';
import { metric, type Metric } from '../lib/results';
import { seedMattermostCommand } from '../lib/seed';
import { mattermostCommand, slackCommand, type SlashProvider } from '../lib/slash';
import { type Stack, startStack } from '../lib/stack';
import { percentile, round, sleep, sortedCopy } from '../lib/stats';
import { log, type Scenario } from './scenario';

const RATE = 500;
const TARGET_P99_MS = 25;
const WARM_UP = { rate: 200, durationS: 2 };
/** Shared by the bench and the gateway (SLACK_SIGNING_SECRET): it only signs this run's requests. */
const SIGNING_SECRET = 'bench-slack-signing-secret-0123456789abcdef';
const SLACK_TEAM = 'TBENCH0001';
const LABEL: Record<SlashProvider, string> = { slack: 'Slack', mattermost: 'Mattermost' };

interface AckMeasurement {
  provider: SlashProvider;
  rate: number;
  durationS: number;
  sent: number;
  statusCounts: Record<string, number>;
  /** Answers other than 200, network errors and timeouts included. */
  non200: number;
  /** Sent but not counted `accepted` by the gateway (rejected, replayed, or answered "unavailable"). */
  notQueued: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  sendLagP99Ms: number;
  /** The gateway's own mean request time for the route (its histogram), for comparison with the client's view. */
  gatewayMeanMs: number;
  /** Commands waiting in the `commands` queue when the load ended (no command-handler consumes them). */
  commandsQueued: number;
  cpuPercent: Record<string, number>;
}

/**
 * `rate` commands/s open loop for `durationS`; latency runs from each request's due time to the
 * end of its answer, over every request sent (a late generator counts against the gateway).
 */
async function measure(
  stack: Stack,
  provider: SlashProvider,
  build: (key: string) => Webhook,
  durationS: number,
): Promise<AckMeasurement> {
  const url = stack.gateway.url;
  const warmTag = newTag();
  await openLoop({ url, ...WARM_UP, build: (seq) => build(`warm.${warmTag}.${seq}`) }); // JIT, connections, the Mattermost token cache
  // Each measurement starts from an empty queue, as it would be with a command-handler keeping up.
  await deletePrefix(stack.prefix);
  await sleep(500);
  const tag = newTag();
  const before = await scrape(stack.gatewayOpsUrl);
  const { result: load, cpuPercent } = await cpuDuring(stack.pidGroups(), () =>
    openLoop({ url, rate: RATE, durationS, build: (seq) => build(`${tag}.${seq}`) }),
  );
  const after = await scrape(stack.gatewayOpsUrl);
  const redis = redisClient();
  const commandsQueued = await queueBacklog(redis, stack.prefix, 'commands').finally(() => redis.disconnect());
  await deletePrefix(stack.prefix);
  await sleep(1000);

  const latencies = new Float64Array(load.sent);
  let non200 = 0;
  for (let seq = 0; seq < load.sent; seq++) {
    latencies[seq] = load.answeredAt[seq]! - load.scheduledAt[seq]!;
    if (load.status[seq] !== 200) non200++;
  }
  const sorted = sortedCopy(latencies);
  const accepted = counterDelta(before, after, 'chatops_slash_commands_total', [
    `provider="${provider}"`,
    'outcome="accepted"',
  ]);
  return {
    provider,
    rate: RATE,
    durationS,
    sent: load.sent,
    statusCounts: load.statusCounts,
    non200,
    notQueued: load.sent - accepted,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    sendLagP99Ms: round(load.sendLagP99Ms),
    gatewayMeanMs: meanMs(before, after, 'chatops_http_request_duration_seconds', `route="/${provider}/commands"`)
      .meanMs,
    commandsQueued,
    cpuPercent,
  };
}

const cpuText = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .filter(([k]) => k !== 'notifier')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

export const slashAck: Scenario = {
  name: 'slash-ack',
  title: `Slash commands: acknowledgement latency at ${RATE} commands/s (open loop)`,
  async run() {
    const { slashDurationS: durationS, runs } = benchEnv;
    const byProvider: Record<SlashProvider, AckMeasurement[]> = { slack: [], mattermost: [] };
    for (let i = 0; i < runs; i++) {
      // Gateway only: no notifier, and no command-handler (see the notes).
      const stack = await startStack({
        label: 'slash',
        notifiers: 0,
        gatewayEnv: { SLACK_SIGNING_SECRET: SIGNING_SECRET },
      });
      try {
        const mm = await seedMattermostCommand(stack.database.db);
        const builders: Record<SlashProvider, (key: string) => Webhook> = {
          slack: (key) => slackCommand(SIGNING_SECRET, SLACK_TEAM, key),
          mattermost: (key) => mattermostCommand(mm.token, mm.teamId, key),
        };
        // Alternate the order so drift over a run does not favour one provider.
        const order: SlashProvider[] = i % 2 === 0 ? ['slack', 'mattermost'] : ['mattermost', 'slack'];
        for (const provider of order) {
          const m = await measure(stack, provider, builders[provider], durationS);
          byProvider[provider].push(m);
          log(
            'slash-ack',
            `run ${i + 1} ${provider}: p50 ${m.p50Ms} ms, p95 ${m.p95Ms} ms, p99 ${m.p99Ms} ms, max ${m.maxMs} ms, non-200 ${m.non200}/${m.sent}, not queued ${m.notQueued}, gateway mean ${m.gatewayMeanMs} ms, send lag p99 ${m.sendLagP99Ms} ms, cpu ${JSON.stringify(m.cpuPercent)}`,
          );
        }
      } finally {
        await stack.close();
      }
    }

    const metrics: Metric[] = [];
    const notes = [
      'Only the gateway runs (with Redis and PostgreSQL): the acknowledgement is a signature or token check plus one `queue.add`, independent of whether anything consumes the `commands` queue, and a command-handler on the same 2 cores would take CPU from the gateway that in production it would not (it runs as its own process, usually elsewhere). Each measurement starts from an empty queue, which is what a command-handler keeping up would leave; during it the queue grows to every command sent.',
    ];
    for (const provider of ['slack', 'mattermost'] as const) {
      const results = byProvider[provider];
      const label = LABEL[provider];
      metrics.push(
        metric(
          `${label}: p50 ack latency`,
          'ms',
          results.map((r) => r.p50Ms),
        ),
        metric(
          `${label}: p95 ack latency`,
          'ms',
          results.map((r) => r.p95Ms),
        ),
        metric(
          `${label}: p99 ack latency`,
          'ms',
          results.map((r) => r.p99Ms),
          { op: '<=', value: TARGET_P99_MS },
        ),
        metric(
          `${label}: max ack latency`,
          'ms',
          results.map((r) => r.maxMs),
        ),
        metric(
          `${label}: non-200 answers (incl. no answer)`,
          '',
          results.map((r) => r.non200),
          { op: '<=', value: 0, rule: 'every' },
        ),
        metric(
          `${label}: not queued (rejected, replayed or "unavailable")`,
          '',
          results.map((r) => r.notQueued),
        ),
        metric(
          `${label}: gateway process CPU`,
          '% of a core',
          results.map((r) => r.cpuPercent.gateway ?? 0),
        ),
      );
      const r = [...results].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(results.length / 2)];
      if (r) {
        notes.push(
          `${label} (median run): ${r.sent} commands, ${r.commandsQueued} in the \`commands\` queue at the end; the gateway's own mean for \`POST /${provider}/commands\` ${r.gatewayMeanMs} ms; load generator send lag p99 ${r.sendLagP99Ms} ms; CPU (% of one core, 200 = whole machine): ${cpuText(r.cpuPercent)}.`,
        );
      }
    }
    return {
      config: {
        rate: RATE,
        durationS,
        warmUp: WARM_UP,
        providers: [
          'slack: signed POST /slack/commands (signSlackRequest, timestamp at send time)',
          'mattermost: POST /mattermost/commands, Authorization: Token of a seeded MattermostCommand (cached lookup)',
        ],
        uniqueness:
          'trigger_id and text carry a per-request key, so every Slack signature and Mattermost trigger_id is new (no replay dedupe)',
        commandHandler: 'not running; the queue is emptied before each measurement',
        latency: 'from the scheduled send time to the end of the answer, over every request sent',
      },
      metrics,
      notes,
      runs: Array.from({ length: runs }, (_, i) => ({
        run: i + 1,
        slack: byProvider.slack[i],
        mattermost: byProvider.mattermost[i],
      })),
    };
  },
};
