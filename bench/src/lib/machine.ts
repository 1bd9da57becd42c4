import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { type Redis } from 'ioredis';
import { Client } from 'pg';
import { benchEnv, ROOT } from './config';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  redis: string;
  postgres: string;
  /** 1-minute load average when the scenario started: other work on the machine skews results. */
  loadAverage1m: number;
  commit: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/**
 * The machine, and the versions of the shared Redis and PostgreSQL (`undefined` for a scenario that
 * starts its own servers: it reports their versions itself).
 */
export async function machineInfo(redis: Redis | undefined): Promise<MachineInfo> {
  let redisVersion = '?';
  let postgres = '?';
  if (redis) {
    redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
    const pg = new Client({ connectionString: benchEnv.databaseUrl });
    await pg.connect();
    postgres = (await pg.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
    await pg.end();
  }
  const dirty = git(['status', '--porcelain', '--', 'services', 'packages']) !== '';
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    redis: redisVersion,
    postgres,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' (+ uncommitted changes in services/ or packages/)' : ''}`,
  };
}
