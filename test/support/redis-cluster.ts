import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@chatops/testing';
import { Redis } from 'ioredis';
import { waitFor } from './wait';

const SLOTS = 16384;

interface ClusterNode {
  port: number;
  busPort: number;
  child: ChildProcess;
  /** Set when the process could not be started (no redis-server on PATH). */
  failure?: Error;
}

/** Whether a node's process has ended: before it answered, most likely its port was taken meanwhile. */
const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** How many times the cluster is started on new ports when a node exits before it answers. */
const START_ATTEMPTS = 3;

class NodeExited extends Error {
  constructor(port: number) {
    super(`redis-server (cluster node) on ${port} exited before it answered: its port was probably taken`);
  }
}

/**
 * A private Redis Cluster of three primaries (no replicas) on free loopback ports, made the way
 * `redis-cli --cluster create` makes one (slots split in three, nodes introduced with CLUSTER
 * MEET), from the same redis-server the test infrastructure installs. Its state lives in a
 * temporary directory, removed on stop.
 */
export class PrivateRedisCluster {
  private readonly nodes: ClusterNode[] = [];
  private dir: string | undefined;

  /** A node's URL: what REDIS_URL names with REDIS_CLUSTER=true (the client finds the others). */
  get url(): string {
    return this.urls[0] ?? '';
  }

  get urls(): string[] {
    return this.nodes.map((node) => `redis://127.0.0.1:${node.port}`);
  }

  /**
   * Ports come from `freePort()` and are bound only when redis-server starts, so another test
   * starting its own servers meanwhile may take one first; a node that exits before it answers is
   * such a race, and the cluster is started again on new ports.
   */
  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'chatops-redis-cluster-'));
    for (let attempt = 1; ; attempt++) {
      await this.startNodes(this.dir);
      try {
        await this.whenNodesAnswer();
        break;
      } catch (error) {
        await this.stopNodes();
        if (!(error instanceof NodeExited) || attempt === START_ATTEMPTS) throw error;
      }
    }
    await this.formCluster();
  }

  private async startNodes(dir: string): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const [port, busPort] = [await freePort(), await freePort()];
      // The bus port is given explicitly: the default, port + 10000, may not exist for a high port.
      const child = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'],
          ...['--cluster-port', String(busPort), '--cluster-config-file', `nodes-${port}.conf`],
          ...['--dir', dir, '--save', '', '--appendonly', 'no'],
        ],
        { stdio: 'ignore' },
      );
      const node: ClusterNode = { port, busPort, child };
      child.once('error', (error) => (node.failure = error));
      this.nodes.push(node);
    }
  }

  /** Waits until every node answers as itself; fails at once when one could not start or has exited. */
  private async whenNodesAnswer(): Promise<void> {
    const admins = this.nodes.map((node) => this.admin(node));
    try {
      await Promise.all(
        this.nodes.map((node, i) =>
          waitFor(
            async () => {
              if (node.failure)
                throw new Error(`redis-server could not be started (${node.failure.message}): install redis-server`);
              if (hasExited(node.child)) throw new NodeExited(node.port);
              const info = (await admins[i]?.info('server').catch(() => undefined)) ?? '';
              const pid = /process_id:(\d+)/.exec(info)?.[1];
              if (pid === undefined) return false;
              // Another server on the port answers with its own process id: this node could not bind it.
              if (Number(pid) !== node.child.pid) throw new NodeExited(node.port);
              return true;
            },
            { what: `redis-server (cluster node) on ${node.port}`, failFast: true },
          ),
        ),
      );
    } finally {
      for (const admin of admins) admin.disconnect();
    }
  }

  /** Slots split in three, nodes introduced with CLUSTER MEET, then waits for the cluster to agree. */
  private async formCluster(): Promise<void> {
    const admins = this.nodes.map((node) => this.admin(node));
    try {
      await Promise.all(
        admins.map((admin, i) =>
          admin.call(
            'CLUSTER',
            'ADDSLOTSRANGE',
            String(Math.floor((SLOTS * i) / 3)),
            String(Math.floor((SLOTS * (i + 1)) / 3) - 1),
          ),
        ),
      );
      const [first] = admins;
      for (const node of this.nodes.slice(1))
        await first?.call('CLUSTER', 'MEET', '127.0.0.1', String(node.port), String(node.busPort));
      await waitFor(
        async () => {
          const infos = await Promise.all(admins.map((admin) => admin.call('CLUSTER', 'INFO') as Promise<string>));
          return infos.every((info) => /cluster_state:ok/.test(info) && /cluster_known_nodes:3\b/.test(info));
        },
        { timeoutMs: 20_000, intervalMs: 100, what: 'the Redis Cluster to form' },
      );
    } finally {
      for (const admin of admins) admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.stopNodes();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async stopNodes(): Promise<void> {
    await Promise.all(
      this.nodes.map(async ({ child }) => {
        if (hasExited(child) || child.pid === undefined) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }),
    );
    this.nodes.length = 0;
  }

  /** Watches every command each node runs, Lua scripts' own commands included (MONITOR). */
  async watchCommands(): Promise<ClusterCommandWatch> {
    return ClusterCommandWatch.start(this.urls);
  }

  private admin(node: ClusterNode): Redis {
    // A command timeout, because whatever else holds a node's port may accept and never answer.
    const redis = new Redis(`redis://127.0.0.1:${node.port}`, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 2000,
    });
    redis.on('error', () => undefined);
    return redis;
  }
}

/** A command one node ran: from a client, or from inside a Lua script (`source` 'lua'). */
export interface WatchedCommand {
  node: string;
  source: string;
  args: string[];
}

/** What a watch saw, by the hash slots of the keys. */
export interface SlotReport {
  /** Commands that named at least one key. */
  keyed: number;
  /** Commands that named keys in more than one slot (a cluster refuses those). */
  crossSlot: WatchedCommand[];
  /** Commands with more than one key, all in one slot (BullMQ's scripts, MGET...). */
  multiKey: number;
  /** Every key seen, with its slot. */
  slots: Map<string, number>;
}

/**
 * MONITOR on every node of a cluster. Which arguments of a command are keys is Redis's own answer
 * (COMMAND GETKEYS), and a key's slot is too (CLUSTER KEYSLOT), so no key layout is assumed.
 */
export class ClusterCommandWatch {
  readonly commands: WatchedCommand[] = [];

  private constructor(private readonly monitors: Redis[]) {}

  static async start(urls: string[]): Promise<ClusterCommandWatch> {
    const monitors: Redis[] = [];
    const watch = new ClusterCommandWatch(monitors);
    for (const url of urls) {
      // monitor() opens a connection of its own: the client it is called on never connects.
      const client = new Redis(url, { lazyConnect: true });
      const monitor = await client.monitor();
      client.disconnect();
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        watch.commands.push({ node: url, source, args: args.map(String) });
      });
      monitors.push(monitor);
    }
    return watch;
  }

  async stop(): Promise<void> {
    for (const monitor of this.monitors) monitor.disconnect();
  }

  /** The commands seen so far, by the slots of their keys. Asks the first node (`url`) about keys and slots. */
  async report(url: string): Promise<SlotReport> {
    const redis = new Redis(url);
    const report: SlotReport = { keyed: 0, crossSlot: [], multiKey: 0, slots: new Map() };
    try {
      for (const command of [...this.commands]) {
        const keys = await keysOf(redis, command.args);
        if (keys.length === 0) continue;
        report.keyed += 1;
        const slots = new Set<number>();
        for (const key of keys) {
          let slot = report.slots.get(key);
          if (slot === undefined) {
            slot = Number(await redis.call('CLUSTER', 'KEYSLOT', key));
            report.slots.set(key, slot);
          }
          slots.add(slot);
        }
        if (slots.size > 1) report.crossSlot.push(command);
        else if (keys.length > 1) report.multiKey += 1;
      }
    } finally {
      redis.disconnect();
    }
    return report;
  }
}

/** The keys among a command's arguments, as Redis reads them; none for a keyless command. */
async function keysOf(redis: Redis, args: string[]): Promise<string[]> {
  const [name, ...rest] = args;
  if (!name) return [];
  try {
    return (await redis.call('COMMAND', 'GETKEYS', name, ...rest)) as string[];
  } catch {
    // "The command has no key arguments" (PING, INFO, CLIENT SETNAME, SCRIPT LOAD…).
    return [];
  }
}
