import { resolve } from 'node:path';
import { FakeGitLab, freePort, type RateLimit } from '@chatops/testing';
import { ADMIN_TOKEN, benchEnv, ENCRYPTION_KEY, ROOT } from './config';
import { type BenchDatabase, createBenchDatabase, postmasterPid } from './database';
import { type Child, type PidGroups, postgresPids, redisServerPids, startNode } from './processes';
import { deletePrefix, uniquePrefix } from './redis';
import { type SeededEndpoint, seedProjects } from './seed';
import { type ObservedSlack, startSlack } from './slack';

export interface StackOptions {
  label: string;
  /** Projects (each: endpoint + integration + channel of its own). */
  projects?: number;
  notifiers?: number;
  notifierEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  slackRateLimit?: RateLimit;
  slackLatencyMs?: number;
  /**
   * Also run a command-handler and an incident service, acting as linked users against a fake
   * GitLab (its users and projects seeded by the scenario: seedLinkedUsers), and let slash
   * commands name the fake Slack's response URLs.
   */
  linkedUsers?: boolean;
}

/**
 * The GitLab OAuth client the services are configured with (linking needs one); never called:
 * the seeded users' tokens do not expire, so nothing is refreshed.
 */
const GITLAB_OAUTH_APP = { clientId: 'bench-gitlab-client-id', clientSecret: 'bench-gitlab-client-secret' };

/**
 * One run's world: database, fake Slack, queue prefix, the real gateway and notifier processes
 * (with `linkedUsers`, also a fake GitLab, a command-handler and an incident service).
 */
export interface Stack {
  prefix: string;
  database: BenchDatabase;
  slack: ObservedSlack;
  endpoints: SeededEndpoint[];
  gateway: Child;
  /** The gateway's ops port (health, readiness, /metrics). */
  gatewayOpsUrl: string;
  notifiers: Child[];
  /** With `linkedUsers`: the fake GitLab (in this process), the command-handler and the incident service. */
  gitlab: FakeGitLab | undefined;
  commandHandler: Child | undefined;
  incident: Child | undefined;
  baseEnv: Record<string, string>;
  startNotifier(): Promise<Child>;
  /** The processes to attribute CPU to. */
  pidGroups(): PidGroups;
  close(): Promise<void>;
}

/**
 * What a load run drives and watches: a webhook route (`gateway`), the workers behind it
 * (`notifiers`), the fake Slack they post to, the run's database and queue prefix. A chatops
 * Stack is one; so is the bare pipeline (lib/bare-stack.ts).
 */
export type LoadTarget = Pick<
  Stack,
  'prefix' | 'database' | 'slack' | 'endpoints' | 'gateway' | 'gatewayOpsUrl' | 'notifiers' | 'pidGroups' | 'close'
>;

/** Stacks not closed yet, so an interrupted run still drops its databases and keys. */
const open = new Set<() => Promise<void>>();

export async function closeAllStacks(): Promise<void> {
  for (const close of [...open]) await close();
}

/** Has `close` run by closeAllStacks too (Ctrl-C, a crash), until the returned function is called. */
export function trackCleanup(close: () => Promise<void>): () => void {
  open.add(close);
  return () => open.delete(close);
}

const entry = (service: string) => resolve(ROOT, 'services', service, 'dist/main.js');

export async function startStack(options: StackOptions): Promise<Stack> {
  const prefix = uniquePrefix(options.label);
  const database = await createBenchDatabase(options.label);
  const cleanups: (() => Promise<unknown>)[] = [() => database.drop(), () => deletePrefix(prefix)];
  const close = async () => {
    if (!open.delete(close)) return;
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => console.error(`bench cleanup: ${String(error)}`));
  };
  open.add(close);
  try {
    const endpoints = await seedProjects(database.db, options.projects ?? 1);
    const slack = await startSlack({
      channels: options.projects ?? 1,
      ...(options.slackRateLimit ? { rateLimit: options.slackRateLimit } : {}),
      latencyMs: options.slackLatencyMs ?? 0,
    });
    cleanups.push(() => slack.stop());
    const baseEnv = {
      DATABASE_URL: database.url,
      REDIS_URL: benchEnv.redisUrl,
      QUEUE_PREFIX: prefix,
      ENCRYPTION_KEY,
      ADMIN_TOKEN,
      SLACK_API_URL: `${slack.url}/api`,
      LOG_LEVEL: 'warn',
      // The fakes (and the bench's Mattermost connection) are on loopback, which chatops refuses
      // as a webhook or Mattermost target by default.
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    };
    const notifiers: Child[] = [];
    const startNotifier = async () => {
      const port = await freePort();
      const child = await startNode(`notifier-${notifiers.length + 1}`, entry('notifier'), port, {
        ...baseEnv,
        NOTIFIER_PORT: String(port),
        // Both workers post (first tries from routing, the rest from deliveries): the same bound for each.
        NOTIFIER_EVENT_CONCURRENCY: String(benchEnv.deliveryConcurrency),
        NOTIFIER_DELIVERY_CONCURRENCY: String(benchEnv.deliveryConcurrency),
        // High enough never to pace, unless the scenario is about pacing.
        NOTIFIER_CHANNEL_RATE_PER_SECOND: '1000000',
        NOTIFIER_CHANNEL_BURST: '1000000',
        ...options.notifierEnv,
      });
      notifiers.push(child);
      cleanups.push(() => child.stop());
      return child;
    };
    const gatewayPort = await freePort();
    const gatewayOpsPort = await freePort();
    const publicUrl = `http://127.0.0.1:${gatewayPort}`;
    const gateway = await startNode('gateway', entry('gateway'), gatewayPort, {
      ...baseEnv,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_OPS_PORT: String(gatewayOpsPort),
      PUBLIC_URL: publicUrl,
      // The command-handler and the incident service answer at the fake Slack's response URLs.
      ...(options.linkedUsers ? { SLACK_RESPONSE_URL_ORIGINS: slack.url } : {}),
      // The load is one endpoint and one team at thousands of requests/s: never limited.
      GATEWAY_ENDPOINT_RATE_PER_SECOND: '1000000',
      GATEWAY_ENDPOINT_BURST: '1000000',
      GATEWAY_TEAM_RATE_PER_SECOND: '1000000',
      GATEWAY_TEAM_BURST: '1000000',
      ...options.gatewayEnv,
    });
    cleanups.push(() => gateway.stop());
    for (let i = 0; i < (options.notifiers ?? 1); i++) await startNotifier();
    let gitlab: FakeGitLab | undefined;
    let commandHandler: Child | undefined;
    let incident: Child | undefined;
    if (options.linkedUsers) {
      const fake = new FakeGitLab({ recordCalls: false });
      gitlab = fake;
      await fake.start();
      cleanups.push(() => fake.stop());
      const linkingEnv = {
        ...baseEnv,
        PUBLIC_URL: publicUrl,
        GITLAB_URL: fake.url,
        GITLAB_OAUTH_CLIENT_ID: GITLAB_OAUTH_APP.clientId,
        GITLAB_OAUTH_CLIENT_SECRET: GITLAB_OAUTH_APP.clientSecret,
      };
      const handlerPort = await freePort();
      const handler = await startNode('command-handler', entry('command-handler'), handlerPort, {
        ...linkingEnv,
        COMMAND_HANDLER_PORT: String(handlerPort),
      });
      commandHandler = handler;
      cleanups.push(() => handler.stop());
      const incidentPort = await freePort();
      const incidents = await startNode('incident', entry('incident'), incidentPort, {
        ...linkingEnv,
        INCIDENT_PORT: String(incidentPort),
      });
      incident = incidents;
      cleanups.push(() => incidents.stop());
    }
    const redisPort = new URL(benchEnv.redisUrl).port || '6379';
    const postmaster = await postmasterPid();
    return {
      prefix,
      database,
      slack,
      endpoints,
      gateway,
      gatewayOpsUrl: `http://127.0.0.1:${gatewayOpsPort}`,
      notifiers,
      gitlab,
      commandHandler,
      incident,
      baseEnv,
      startNotifier,
      pidGroups: () => ({
        gateway: () => [gateway.pid],
        notifier: () => notifiers.map((n) => n.pid),
        ...(commandHandler ? { 'command-handler': () => [commandHandler.pid] } : {}),
        ...(incident ? { incident: () => [incident.pid] } : {}),
        redis: redisServerPids(redisPort),
        // The shared server's processes working for this run's database (not other people's tests).
        postgres: postgresPids(postmaster, database.name),
        [gitlab ? 'bench (load + fake Slack + fake GitLab)' : 'bench (load + fake Slack)']: () => [process.pid],
      }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
