import { benchEnv } from '../lib/config';
import { counterDelta, meanMs, scrape } from '../lib/metrics';
import { openLoop, type OpenLoopResult } from '../lib/open-loop';
import { newTag } from '../lib/payload';
import { cpuDuring } from '../lib/processes';
import { describeProfiles, profiling, summariseProfile } from '../lib/profile';
import { queueBacklog, redisClient } from '../lib/redis';
import { metric, type Metric } from '../lib/results';
import { type LinkedUser, seedLinkedUsers } from '../lib/seed';
import { ModalTally, TEAM_ID } from '../lib/slack';
import { slackCommand } from '../lib/slash';
import { type Stack, startStack } from '../lib/stack';
import { percentile, round, sleep, sortedCopy, waitUntil } from '../lib/stats';
import { log, type Scenario } from './scenario';

const RATE = 20;
const TARGET_P99_MS = 1000;
const WARM_UP = { rate: RATE, durationS: 5 };
/** Linked chat users (commands go round-robin) and the projects each of them may create incidents in. */
const USERS = 50;
const PROJECTS = 10;
/** Shared by the bench and the gateway (SLACK_SIGNING_SECRET): it only signs this run's requests. */
const SIGNING_SECRET = 'bench-slack-signing-secret-0123456789abcdef';
/** A trigger_id lasts 3 s: after the last command, no modal can open later than this. */
const MODAL_WAIT_MS = 10_000;
/** What is left of a declare after the modal (options prefetch, "form opened" reply) may take this long. */
const QUEUE_WAIT_MS = 30_000;
const PROCESSES = ['gateway', 'command-handler', 'incident', 'redis', 'postgres'] as const;

interface DeclareMeasurement {
  rate: number;
  durationS: number;
  sent: number;
  statusCounts: Record<string, number>;
  /** Acknowledgements other than 200, network errors and timeouts included. */
  non200: number;
  /** Sent but not counted `accepted` by the gateway (rejected, replayed, or answered "unavailable"). */
  notQueued: number;
  /** Commands whose modal the fake Slack opened (views.open answered ok for their trigger_id). */
  opened: number;
  /** views.open calls the fake Slack refused, by Slack error (expired_trigger_id: after 3 s). */
  refused: Record<string, number>;
  /** Percentiles over every command sent; one whose modal never opened counts with its wait until the window closed. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  ackP99Ms: number;
  sendLagP99Ms: number;
  /** Means from the services' own histograms over the window. */
  stages: Record<string, { meanMs: number; count: number }>;
  gitlabRequestsPerDeclare: number;
  /** Seconds from the first send until the queues were empty again (the CPU window). */
  windowS: number;
  cpuPercent: Record<string, number>;
  /** CPU time per command sent (ms), per process group, over the window. */
  cpuMsPerDeclare: Record<string, number>;
  /** Jobs left in the commands and incidents queues when the window closed. */
  stillQueued: number;
}

/** `/gitlab incident declare` from the next linked user, with a trigger_id and response URL issued now. */
function declareBuilder(stack: Stack, users: LinkedUser[], tag: string, triggerIds: string[]) {
  return (seq: number) => {
    const user = users[seq % users.length]!;
    // Slack issues the trigger_id as the user sends the command; its 3 s start here.
    const triggerId = stack.slack.issueTriggerId(TEAM_ID, { userId: user.chatUserId });
    triggerIds[seq] = triggerId;
    return slackCommand(SIGNING_SECRET, TEAM_ID, `${tag}.${seq}`, {
      text: 'incident declare',
      trigger_id: triggerId,
      response_url: stack.slack.createResponseUrl(),
      user_id: user.chatUserId,
      user_name: user.chatUserId.toLowerCase(),
    });
  };
}

/**
 * Sends `rate` declares/s for `durationS`, waits until each modal opened or was refused (bounded:
 * a trigger_id lasts 3 s), then for the queues to empty (the work after the modal).
 */
async function declareLoad(
  stack: Stack,
  users: LinkedUser[],
  rate: number,
  durationS: number,
): Promise<{ load: OpenLoopResult; tally: ModalTally; triggerIds: string[]; windowEnd: number; stillQueued: number }> {
  const tally = new ModalTally();
  const triggerIds: string[] = [];
  stack.slack.modals = tally;
  const redis = redisClient();
  try {
    const load = await openLoop({
      url: stack.gateway.url,
      rate,
      durationS,
      build: declareBuilder(stack, users, newTag(), triggerIds),
    });
    const refused = () => Object.values(tally.refused).reduce((a, b) => a + b, 0);
    await waitUntil(() => tally.openedAt.size + refused() >= load.sent, MODAL_WAIT_MS, 50);
    const windowEnd = performance.now();
    const backlog = () => queueBacklog(redis, stack.prefix, 'commands', 'incidents');
    await waitUntil(async () => (await backlog()) === 0, QUEUE_WAIT_MS, 100);
    return { load, tally, triggerIds, windowEnd, stillQueued: await backlog() };
  } finally {
    stack.slack.modals = undefined;
    redis.disconnect();
  }
}

async function measure(stack: Stack, users: LinkedUser[], durationS: number): Promise<DeclareMeasurement> {
  const services = {
    gateway: stack.gatewayOpsUrl,
    commandHandler: stack.commandHandler!.url,
    incident: stack.incident!.url,
  };
  const scrapeAll = () => Promise.all(Object.values(services).map(scrape));
  const [gwBefore, chBefore, inBefore] = await scrapeAll();
  const gitlabBefore = stack.gitlab!.requestCount();
  const started = performance.now();
  const { result, cpuPercent } = await cpuDuring(stack.pidGroups(), () => declareLoad(stack, users, RATE, durationS));
  const windowS = (performance.now() - started) / 1000;
  const [gwAfter, chAfter, inAfter] = await scrapeAll();
  const { load, tally, triggerIds, windowEnd } = result;

  const latencies = new Float64Array(load.sent);
  const acks = new Float64Array(load.sent);
  let non200 = 0;
  for (let seq = 0; seq < load.sent; seq++) {
    const openedAt = tally.openedAt.get(triggerIds[seq] ?? '');
    latencies[seq] = (openedAt ?? windowEnd) - load.scheduledAt[seq]!;
    acks[seq] = load.answeredAt[seq]! - load.scheduledAt[seq]!;
    if (load.status[seq] !== 200) non200++;
  }
  const sorted = sortedCopy(latencies);
  const queueStage = (samples: [Map<string, number>, Map<string, number>], queue: string) => ({
    wait: meanMs(samples[0], samples[1], 'chatops_job_queue_latency_seconds', `queue="${queue}"`),
    job: meanMs(samples[0], samples[1], 'chatops_job_duration_seconds', `queue="${queue}"`),
  });
  const commands = queueStage([chBefore!, chAfter!], 'commands');
  const incidents = queueStage([inBefore!, inAfter!], 'incidents');
  const accepted = counterDelta(gwBefore!, gwAfter!, 'chatops_slash_commands_total', [
    'provider="slack"',
    'outcome="accepted"',
  ]);
  const perDeclare = (percent: number) => round(((percent / 100) * windowS * 1000) / Math.max(1, load.sent));
  return {
    rate: RATE,
    durationS,
    sent: load.sent,
    statusCounts: load.statusCounts,
    non200,
    notQueued: load.sent - accepted,
    opened: triggerIds.filter((id) => tally.openedAt.has(id)).length,
    refused: tally.refused,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    ackP99Ms: round(percentile(sortedCopy(acks), 99)),
    sendLagP99Ms: round(load.sendLagP99Ms),
    stages: {
      'gateway: POST /slack/commands': meanMs(
        gwBefore!,
        gwAfter!,
        'chatops_http_request_duration_seconds',
        'route="/slack/commands"',
      ),
      'commands: wait in queue': commands.wait,
      'commands: dispatch as the linked user + queue the incident action (job)': commands.job,
      'incidents: wait in queue': incidents.wait,
      'incidents: GitLab lookups, views.open, options prefetch, reply (job)': incidents.job,
    },
    gitlabRequestsPerDeclare: round((stack.gitlab!.requestCount() - gitlabBefore) / Math.max(1, load.sent), 1),
    windowS: round(windowS),
    cpuPercent,
    cpuMsPerDeclare: Object.fromEntries(Object.entries(cpuPercent).map(([k, v]) => [k, perDeclare(v)])),
    stillQueued: result.stillQueued,
  };
}

type DeclareRun = DeclareMeasurement & { profile?: Record<string, Record<string, number> | undefined> };

async function oneRun(durationS: number): Promise<DeclareRun> {
  const stack = await startStack({
    label: 'declare',
    notifiers: 0,
    linkedUsers: true,
    gatewayEnv: { SLACK_SIGNING_SECRET: SIGNING_SECRET },
  });
  let result: DeclareRun;
  try {
    const users = await seedLinkedUsers(stack.database.db, stack.gitlab!, { users: USERS, projects: PROJECTS });
    // JIT, connection pools, the services' caches: a few seconds of the same load, not measured.
    const warm = await declareLoad(stack, users, WARM_UP.rate, WARM_UP.durationS);
    if (warm.tally.openedAt.size === 0)
      throw new Error(
        `no modal opened during the warm-up (views.open refused: ${JSON.stringify(warm.tally.refused)}):\n${stack.incident!.output()}\n${stack.commandHandler!.output()}`,
      );
    await sleep(1000);
    result = await measure(stack, users, durationS);
  } finally {
    await stack.close();
  }
  if (profiling)
    result.profile = Object.fromEntries(
      ['gateway', 'command-handler', 'incident'].map((name) => [name, summariseProfile(name)]),
    );
  return result;
}

const cpuText = (values: Record<string, number>, unit: string) =>
  Object.entries(values)
    .filter(([k]) => k !== 'notifier')
    .map(([k, v]) => `${k} ${v}${unit}`)
    .join(', ');

export const incidentDeclare: Scenario = {
  name: 'incident-declare',
  title: `Incident declare: Slack slash command → modal open (views.open) at ${RATE} declares/s (open loop)`,
  async run() {
    const { declareDurationS: durationS, runs } = benchEnv;
    const results: DeclareRun[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await oneRun(durationS);
      results.push(r);
      log(
        'incident-declare',
        `run ${i + 1}: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, opened ${r.opened}/${r.sent}, refused ${JSON.stringify(r.refused)}, non-200 ${r.non200}, ack p99 ${r.ackP99Ms} ms, GitLab requests/declare ${r.gitlabRequestsPerDeclare}, cpu ms/declare ${JSON.stringify(r.cpuMsPerDeclare)}`,
      );
    }
    const values = (pick: (r: DeclareRun) => number) => results.map(pick);
    const metrics: Metric[] = [
      metric(
        'p50 command → modal open',
        'ms',
        values((r) => r.p50Ms),
      ),
      metric(
        'p95 command → modal open',
        'ms',
        values((r) => r.p95Ms),
      ),
      metric(
        'p99 command → modal open',
        'ms',
        values((r) => r.p99Ms),
        { op: '<=', value: TARGET_P99_MS },
      ),
      metric(
        'max command → modal open',
        'ms',
        values((r) => r.maxMs),
      ),
      metric(
        'commands sent',
        '',
        values((r) => r.sent),
      ),
      metric(
        'modals opened',
        '',
        values((r) => r.opened),
      ),
      metric(
        'non-200 acknowledgements (incl. no answer)',
        '',
        values((r) => r.non200),
      ),
      metric(
        'not queued (rejected, replayed or "unavailable")',
        '',
        values((r) => r.notQueued),
      ),
      metric(
        'p99 acknowledgement (gateway answer)',
        'ms',
        values((r) => r.ackP99Ms),
      ),
      ...PROCESSES.map((p) =>
        metric(
          `CPU per declare: ${p}`,
          'ms',
          values((r) => r.cpuMsPerDeclare[p] ?? 0),
        ),
      ),
    ];
    const median = [...results].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(results.length / 2)]!;
    const notes = [
      `Median run (by p99): ${median.opened} of ${median.sent} modals opened${Object.keys(median.refused).length > 0 ? `, views.open refused ${JSON.stringify(median.refused)}` : ''}; ${median.gitlabRequestsPerDeclare} fake GitLab requests per declare; ${median.stillQueued} jobs left in the commands/incidents queues when the window closed; load generator send lag p99 ${median.sendLagP99Ms} ms.`,
      `Stage means in the median run (services' own histograms): ${Object.entries(median.stages)
        .map(([k, v]) => (v.count > 0 ? `${k} ${v.meanMs} ms (n=${v.count})` : `${k}: none`))
        .join('; ')}.`,
      `CPU in the median run over ${median.windowS} s (the load, then until the queues were empty), % of one core (200 = the whole machine): ${cpuText(median.cpuPercent, '')}; per declare: ${cpuText(median.cpuMsPerDeclare, ' ms')}. The bench process also runs the fake Slack and the fake GitLab.`,
      'No bare baseline: only `ingest` has one (a minimal webhook route); this path crosses three services, two queues and GitLab, with nothing minimal to hold it against. The acknowledgement alone is `slash-ack`.',
    ];
    if (median.profile)
      notes.push(`CPU profile, self time by package (% of busy samples): ${describeProfiles(median.profile)}.`);
    return {
      config: {
        rate: RATE,
        durationS,
        warmUp: WARM_UP,
        users: USERS,
        projects: PROJECTS,
        processes:
          'gateway, command-handler and incident service (real processes, LOG_LEVEL=warn, default concurrency 20); no notifier',
        command:
          'signed POST /slack/commands, text `incident declare`, users round-robin; trigger_id issued by the fake Slack when the command is sent (valid 3 s, once), response_url of the fake Slack',
        gitlab:
          'fake GitLab in the bench process, answering at once: each user a Developer of every project (personal access token linked as a chat identity), each project with an incident template',
        latency:
          'from the scheduled send time to the fake Slack answering views.open ok for that trigger_id; percentiles over every command sent, one whose modal never opened counting with its wait until the window closed (a lower bound)',
      },
      metrics,
      notes,
      runs: results,
    };
  },
};
