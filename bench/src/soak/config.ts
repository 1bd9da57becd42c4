import { type RedisPersistence } from './redis-server';

/**
 * The faults the soak can play, in the order it plays them. `redis-backlog` (the notifiers stopped
 * long enough for a backlog to build in Redis, then Redis restarted) is not in a full run: it is for
 * the persistence comparison (SOAK_FAULTS=redis,redis-backlog).
 */
export const FAULTS = ['notifier', 'gateway', 'redis', 'redis-backlog', 'postgres', 'slack-500', 'slack-429'] as const;
export type FaultName = (typeof FAULTS)[number];
/** A full run (`make soak`, SOAK_FAULTS=all). */
export const FULL_RUN: FaultName[] = ['notifier', 'gateway', 'redis', 'postgres', 'slack-500', 'slack-429'];

/** What one soak run does; every field from a SOAK_* variable (see docs/benchmarks.md#fault-soak). */
export interface SoakConfig {
  minutes: number;
  /** Events per second, open loop, round-robin over the channels. */
  rate: number;
  /** Projects, each with its own endpoint, integration and Slack channel. */
  channels: number;
  faults: FaultName[];
  persistence: RedisPersistence;
  /** Slack's per-channel limit in the fake, and the notifier's pacing (the same, as an operator would set it). */
  slackPerSecond: number;
  slackBurst: number;
  /** Retry-After (s) of the fake Slack's 429 minute. */
  retryAfterS: number;
  /** How long the drain may wait for accepted events after the load (and the simulated GitLab's resends) ended. */
  drainMaxS: number;
  notifiers: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

function faults(raw: string | undefined, fallback: FaultName[]): FaultName[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (raw === 'all') return FULL_RUN;
  if (raw === 'none') return [];
  const names = raw.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(FAULTS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`SOAK_FAULTS: unknown ${unknown.join(', ')} (known: ${FAULTS.join(', ')}, all, none)`);
  return FAULTS.filter((f) => names.includes(f));
}

/**
 * SOAK_REDIS_PERSISTENCE=off is the short variant that backs the "without persistence" figure:
 * unless told otherwise, 3 minutes, Redis restarted once under steady load and once with a backlog.
 */
export function soakConfig(): SoakConfig {
  const persistence = process.env.SOAK_REDIS_PERSISTENCE ?? 'aof';
  if (persistence !== 'aof' && persistence !== 'off')
    throw new Error(`SOAK_REDIS_PERSISTENCE must be aof or off, got ${persistence}`);
  const variant = persistence === 'off';
  return {
    minutes: positive('SOAK_MINUTES', variant ? 3 : 20),
    rate: positive('SOAK_RATE', 100),
    channels: positive('SOAK_CHANNELS', 20),
    faults: faults(process.env.SOAK_FAULTS, variant ? ['redis', 'redis-backlog'] : FULL_RUN),
    persistence,
    slackPerSecond: positive('SOAK_SLACK_PER_SECOND', 10),
    slackBurst: positive('SOAK_SLACK_BURST', 20),
    retryAfterS: positive('SOAK_RETRY_AFTER_S', 5),
    // The sweeper finds an orphaned delivery 10 min after its last claim, at its next 1-min turn.
    drainMaxS: positive('SOAK_DRAIN_MAX_S', 750),
    notifiers: 2,
  };
}

/** The results file: `soak`, or named after what differs (`soak-redis-no-persistence`, `soak-none`). */
export function resultName(config: SoakConfig): string {
  const all = config.faults.length === FULL_RUN.length && FULL_RUN.every((f) => config.faults.includes(f));
  const faultPart = all ? '' : `-${config.faults.length === 0 ? 'none' : config.faults.join('-')}`;
  return `soak${faultPart}${config.persistence === 'off' ? '-no-persistence' : ''}`;
}

/** The results' title: what this run played. */
export function resultTitle(config: SoakConfig): string {
  const redis = config.persistence === 'aof' ? 'Redis with AOF' : 'Redis without persistence';
  if (resultName(config) === 'soak')
    return 'Fault soak: steady load while services are killed and restarted, Redis and PostgreSQL go down, Slack fails';
  if (config.faults.length === 0) return `Soak without faults: what ${config.rate} events/s costs (calibration)`;
  return `Soak with only ${config.faults.join(', ')} (${redis})`;
}
