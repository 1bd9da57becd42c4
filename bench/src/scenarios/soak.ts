import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../lib/config';
import { openLoop } from '../lib/open-loop';
import { eventKey, newTag, WebhookFactory } from '../lib/payload';
import { Tally } from '../lib/slack';
import { trackCleanup } from '../lib/stack';
import { round, sleep } from '../lib/stats';
import { resultName, resultTitle, type SoakConfig, soakConfig } from '../soak/config';
import { planFaults, playFaults } from '../soak/faults';
import { EventState, SimulatedGitLab } from '../soak/gitlab';
import { SoakMonitor } from '../soak/monitor';
import { type Duplicate, soakReport } from '../soak/report';
import { SoakStack } from '../soak/services';
import { log, type Scenario } from './scenario';

const say = (message: string) => log('soak', message);
const WARM_UP_S = 20;

/**
 * 20 s at the soak's rate, not counted, then until it has all arrived: JIT, pools, caches and the
 * channels' pacing buckets in their steady state before the baseline is measured.
 */
async function warmUp(stack: SoakStack, rate: number): Promise<void> {
  const tally = new Tally(newTag(), rate * WARM_UP_S);
  stack.slack.tally = tally;
  const factories = stack.endpoints.map((e) => new WebhookFactory(e));
  await openLoop({
    url: stack.gatewayUrl,
    rate,
    durationS: WARM_UP_S,
    build: (seq) => factories[seq % factories.length]!.build(eventKey(tally.tag, seq)),
  });
  const deadline = Date.now() + 120_000;
  while (tally.distinct < tally.total && Date.now() < deadline) await sleep(100);
  stack.slack.tally = undefined;
}

/** What is still unfinished: accepted events not at Slack, jobs in the queues, deliveries not recorded. */
async function unfinished(stack: SoakStack, monitor: SoakMonitor, gitlab: SimulatedGitLab, tally: Tally) {
  let undelivered = 0;
  for (let seq = 0; seq < gitlab.total; seq++)
    if (gitlab.state[seq] === EventState.Accepted && tally.count[seq] === 0) undelivered++;
  const b = await monitor.backlogNow();
  const queued = b.events === null || b.deliveries === null ? Number.NaN : b.events + b.deliveries;
  const open = await stack.db.delivery
    .count({ where: { status: { in: ['pending', 'sending'] } } })
    .catch(() => Number.NaN);
  return { undelivered, queued, open, done: undelivered === 0 && queued === 0 && open === 0 };
}

async function duplicatesOf(
  stack: SoakStack,
  tally: Tally,
  loadStart: number,
  wallStart: number,
): Promise<Duplicate[]> {
  const rel = (at: number) => round((at - loadStart) / 1000, 1);
  const out: Duplicate[] = [];
  for (const [seq, repeats] of tally.repeatsAt) {
    const delivery = await stack.db.delivery.findFirst({
      where: { eventKey: eventKey(tally.tag, seq) },
      include: { attemptLog: { orderBy: { createdAt: 'asc' } } },
    });
    out.push({
      seq,
      copiesAtS: [rel(tally.firstAt[seq]!), ...repeats.map(rel)],
      status: delivery?.status ?? 'missing',
      attempts: (delivery?.attemptLog ?? []).map((a) => ({
        attempt: a.attempt,
        outcome: a.outcome,
        errorCode: a.errorCode,
        atS: round((a.createdAt.getTime() - wallStart) / 1000, 1),
      })),
    });
  }
  return out.sort((a, b) => a.copiesAtS[0]! - b.copiesAtS[0]!);
}

async function soakOnce(config: SoakConfig) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = resolve(ROOT, '.local/soak', stamp);
  say(`${resultName(config)}: ${JSON.stringify(config)}; state and logs in ${dir}`);
  const s = await SoakStack.prepare(dir, config);
  const untrack = trackCleanup(() => s.close());
  await s.boot(say).catch(async (error: unknown) => {
    await s.close();
    untrack();
    throw error;
  });
  let gitlab: SimulatedGitLab | undefined;
  let progress: NodeJS.Timeout | undefined;
  try {
    await warmUp(s, config.rate);
    const loadS = config.minutes * 60;
    const plan = planFaults(config.faults, loadS);
    const tally = new Tally(newTag(), Math.round(config.rate * loadS));
    s.slack.tally = tally;
    const g = new SimulatedGitLab(
      s.gatewayUrl,
      s.endpoints.map((e) => new WebhookFactory(e)),
      tally.tag,
      config.rate,
      loadS,
    );
    gitlab = g;
    const loadStart = performance.now() + 1000;
    const wallStart = Date.now() + 1000;
    const monitor = new SoakMonitor(s, loadStart);
    await monitor.start();
    say(
      `load: ${g.total} events over ${loadS} s; faults at ${plan.map((f) => `${f.name} ${f.atS} s (${f.holdS} s)`).join(', ') || 'none'}`,
    );
    progress = setInterval(() => {
      const last = monitor.backlog[monitor.backlog.length - 1];
      say(
        `t=${Math.round((performance.now() - loadStart) / 1000)} s: accepted ${g.total - g.pending}/${g.total} resolved, delivered ${tally.distinct}, queued ${last ? `${last.events}+${last.deliveries}` : '?'}, load ${monitor.resources[monitor.resources.length - 1]?.load1 ?? '?'}`,
      );
    }, 60_000);
    const [, faults] = await Promise.all([
      g.run(loadStart),
      playFaults(s, plan, loadStart, (f) =>
        say(
          `${f.name}: ${round((f.startedAt - loadStart) / 1000, 1)}–${round((f.endedAt - loadStart) / 1000, 1)} s, ${f.detail}`,
        ),
      ),
    ]);
    const loadEnd = performance.now();
    say(`load done; waiting for GitLab's last resends (${g.pending} events unresolved)`);
    await g.finished();
    const drainStart = performance.now();
    let state = await unfinished(s, monitor, g, tally);
    while (!state.done && performance.now() - drainStart < config.drainMaxS * 1000) {
      await sleep(2000);
      state = await unfinished(s, monitor, g, tally);
    }
    say(`drain ${round((performance.now() - drainStart) / 1000)} s: ${JSON.stringify(state)}`);
    await sleep(5000); // late duplicates
    const drainEnd = performance.now();
    clearInterval(progress);
    const failedJobs = await monitor.failedJobs();
    const redisKeys = await monitor.census();
    await monitor.stop();
    const statuses = await s.db.delivery.groupBy({ by: ['status'], _count: { _all: true } });
    const data = {
      config,
      faults,
      gitlab: g,
      tally,
      monitor,
      loadStart,
      loadEnd,
      drainEnd,
      wallStart,
      deliveryStatuses: Object.fromEntries(statuses.map((x) => [x.status, x._count._all])),
      failedJobs,
      redisKeys,
      duplicates: await duplicatesOf(s, tally, loadStart, wallStart),
    };
    const versions = { redis: await s.redis.version(), postgres: await s.postgres.version() };
    return { ...soakReport(data), versions };
  } finally {
    clearInterval(progress);
    s.slack.tally = undefined;
    gitlab?.close();
    await s.close();
    untrack();
    // The logs stay; the data (hundreds of MB of AOF and WAL) goes.
    for (const data of [join(dir, 'pg', 'data'), join(dir, 'redis', 'appendonlydir')])
      rmSync(data, { recursive: true, force: true });
  }
}

export const soak: Scenario = {
  name: 'soak',
  title: 'Fault soak: steady load while services are killed and restarted, Redis and PostgreSQL go down, Slack fails',
  onlyWhenNamed: true,
  ownInfrastructure: true,
  async run() {
    const config = soakConfig();
    const { metrics, notes, run, versions } = await soakOnce(config);
    return {
      resultName: resultName(config),
      title: resultTitle(config),
      machine: versions,
      config: { ...config },
      metrics,
      notes,
      runs: [run],
    };
  },
};
