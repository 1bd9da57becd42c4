import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@chatops/testing';
import type autocannon from 'autocannon';
import { benchEnv } from '../lib/config';
import { cpuDuring, type PidGroups, redisServerPids, startNode } from '../lib/processes';
import { type WebhookFactory } from '../lib/payload';
import { describeProfiles, profiling, summariseProfile } from '../lib/profile';
import { deletePrefix, uniquePrefix } from '../lib/redis';
import { cpuMsPerEvent } from '../lib/per-event';
import { metric } from '../lib/results';
import { startStack } from '../lib/stack';
import { round, sleep } from '../lib/stats';
import { log, type Scenario } from './scenario';

interface Measurement {
  acceptedPerSecond: number;
  non2xx: number;
  errors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  cpuPercent: Record<string, number>;
  /** The service process's CPU per webhook it accepted: what a core's worth of it would take. */
  serviceCpuMsPerWebhook: number;
}

type Endpoint = ConstructorParameters<typeof WebhookFactory>[0];

/**
 * Closed loop: `connections` keep one signed webhook each in flight, every one with a new key,
 * from a load generator in its own process (lib/webhook-load.ts); `groups` gets its pid.
 */
async function hammer(
  baseUrl: string,
  endpoint: Endpoint,
  durationS: number,
  connections: number,
  groups: (loadPid: number) => PidGroups,
): Promise<Measurement> {
  const load = spawn(process.execPath, [resolve(__dirname, '../lib/webhook-load.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      TARGET_URL: baseUrl,
      ENDPOINT: JSON.stringify(endpoint),
      DURATION_S: String(durationS),
      CONNECTIONS: String(connections),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: load.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the load generator exited before it answered');
    return value as string;
  };
  await nextLine(); // ready: measured from here
  const {
    result: line,
    cpuPercent,
    cpu,
  } = await cpuDuring(groups(load.pid ?? -1), async () => {
    load.stdin.write('go\n');
    return nextLine();
  });
  const result = JSON.parse(line) as autocannon.Result;
  return {
    acceptedPerSecond: result['2xx'] / (result.duration || durationS),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    cpuPercent,
    serviceCpuMsPerWebhook: round(cpuMsPerEvent(cpu.cpuSeconds, result['2xx']).service ?? Number.NaN, 3),
  };
}

export const ingest: Scenario = {
  name: 'ingest',
  title: 'Ingest: signed webhooks/s at the gateway (closed loop)',
  async run() {
    const { ingestDurationS: durationS, ingestConnections: connections, runs } = benchEnv;
    const redisPort = new URL(benchEnv.redisUrl).port;
    const runResults: {
      gateway: Measurement;
      bare: Measurement;
      ratio: number;
      profile?: Record<string, Record<string, number> | undefined>;
    }[] = [];
    for (let i = 0; i < runs; i++) {
      const stack = await startStack({ label: 'ingest', notifiers: 0 });
      const barePrefix = uniquePrefix('ingest-bare');
      try {
        const { id, secret, signingSecret } = stack.endpoints[0]!;
        const endpoint = { id, secret, signingSecret };
        const barePort = await freePort();
        const bare = await startNode('bare-route', resolve(__dirname, '../bare/bare-route.js'), barePort, {
          REDIS_URL: benchEnv.redisUrl,
          QUEUE_PREFIX: barePrefix,
          PORT: String(barePort),
          TOKEN_SHA256: createHash('sha256').update(endpoint.secret).digest('hex'),
          SIGNING_SECRET: endpoint.signingSecret ?? '',
        });
        const groups =
          (pid: number) =>
          (loadPid: number): PidGroups => ({
            service: () => [pid],
            redis: redisServerPids(redisPort),
            'autocannon (own process)': () => [loadPid],
          });
        const measure = async (which: 'gateway' | 'bare') => {
          const [url, pid, prefix] =
            which === 'gateway'
              ? [stack.gateway.url, stack.gateway.pid, stack.prefix]
              : [bare.url, bare.pid, barePrefix];
          // Warm-up at the measured load: JIT, endpoint cache, connections, and the heap grown to
          // its working size; 2 s at 10 connections left the first side measured in a run colder.
          await hammer(url, endpoint, 5, connections, () => ({}));
          await deletePrefix(prefix);
          await sleep(500);
          const m = await hammer(url, endpoint, durationS, connections, groups(pid));
          // No worker drains this queue: drop the ~100k jobs before the next measurement.
          await deletePrefix(prefix);
          await sleep(1000);
          log(
            'ingest',
            `run ${i + 1} ${which}: ${Math.round(m.acceptedPerSecond)}/s (non-2xx ${m.non2xx}, errors ${m.errors}), cpu ${JSON.stringify(m.cpuPercent)}`,
          );
          return m;
        };
        // Alternate the order so drift over a run does not favour one side.
        const first = i % 2 === 0 ? 'bare' : 'gateway';
        const a = await measure(first);
        const b = await measure(first === 'bare' ? 'gateway' : 'bare');
        await bare.stop();
        const [gateway, bareM] = first === 'bare' ? [b, a] : [a, b];
        runResults.push({ gateway, bare: bareM, ratio: gateway.acceptedPerSecond / bareM.acceptedPerSecond });
      } finally {
        await stack.close();
        await deletePrefix(barePrefix);
      }
      const last = runResults[runResults.length - 1];
      if (profiling && last)
        last.profile = { gateway: summariseProfile('gateway'), bare: summariseProfile('bare-route') };
    }
    const g = runResults.map((r) => r.gateway);
    const b = runResults.map((r) => r.bare);
    return {
      config: {
        durationS,
        connections,
        payload: 'merge_request.json, signed (webhook-signature), unique Idempotency-Key per request',
        loadGenerator: 'autocannon in a process of its own (bench/src/lib/webhook-load.ts)',
        bareRoute: 'bench/src/bare/bare-route.ts: token SHA-256 check + signature check + JSON parse + queue.add',
      },
      metrics: [
        metric(
          'gateway: accepted webhooks/s',
          '/s',
          g.map((m) => m.acceptedPerSecond),
        ),
        metric(
          'bare fastify + BullMQ route',
          '/s',
          b.map((m) => m.acceptedPerSecond),
        ),
        metric(
          'gateway ÷ bare route',
          '×',
          runResults.map((r) => r.ratio),
          { op: '>=', value: 0.7 },
        ),
        metric(
          'gateway: non-2xx + errors',
          '',
          g.map((m) => m.non2xx + m.errors),
          { op: '<=', value: 0, rule: 'every' },
        ),
        metric(
          'gateway: p99 request latency (50 connections)',
          'ms',
          g.map((m) => m.latencyP99Ms),
        ),
        metric(
          'gateway process CPU',
          '% of a core',
          g.map((m) => m.cpuPercent.service ?? 0),
        ),
        metric(
          'gateway: CPU-ms per accepted webhook',
          'ms',
          g.map((m) => m.serviceCpuMsPerWebhook),
        ),
        metric(
          'bare route: CPU-ms per accepted webhook',
          'ms',
          b.map((m) => m.serviceCpuMsPerWebhook),
        ),
        metric(
          'autocannon (load generator) CPU',
          '% of a core',
          g.map((m) => m.cpuPercent['autocannon (own process)'] ?? 0),
        ),
      ],
      notes: [
        `CPU (% of one core) in the median gateway run: ${Object.entries(
          [...g].sort((x, y) => x.acceptedPerSecond - y.acceptedPerSecond)[Math.floor(g.length / 2)]?.cpuPercent ?? {},
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}.`,
        ...runResults
          .filter((r) => r.profile)
          .map((r) => `CPU profile, self time by package (% of busy samples): ${describeProfiles(r.profile ?? {})}.`),
      ],
      runs: runResults.map((r) => ({ ...r, ratio: round(r.ratio, 3) })),
    };
  },
};
