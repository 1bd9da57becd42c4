import { round, sleep } from '../lib/stats';
import { type FaultName, type SoakConfig } from './config';
import { type SoakStack } from './services';

/** One fault as planned: when (s after the load started) and how long the thing stays down. */
export interface PlannedFault {
  name: FaultName;
  atS: number;
  holdS: number;
}

/** One fault as played (performance.now() ms): from the moment it hit to the moment the thing was back. */
export interface PlayedFault extends PlannedFault {
  what: string;
  startedAt: number;
  endedAt: number;
  /** How the way back went (restart attempts, how long a start took). */
  detail: string;
}

/** The brief's outage lengths; shorter runs scale the long ones down to fit their slots. */
const HOLD_S: Record<FaultName, number> = {
  notifier: 5,
  gateway: 5,
  redis: 5,
  'redis-backlog': 30,
  postgres: 30,
  'slack-500': 60,
  'slack-429': 60,
};

/**
 * Spreads the faults over the load: a quiet baseline first (10 %, at least 20 s), then one slot
 * per fault, each fault at the start of its slot and the rest of the slot left for recovery.
 * Long outages take at most 40 % of a slot (a 20-minute run: 180 s slots, so the full 30 s and 60 s).
 */
export function planFaults(faults: FaultName[], loadS: number): PlannedFault[] {
  if (faults.length === 0) return [];
  const baseline = Math.max(20, loadS * 0.1);
  const slot = (loadS - baseline) / faults.length;
  return faults.map((name, k) => ({
    name,
    atS: round(baseline + k * slot, 1),
    holdS: round(Math.min(HOLD_S[name], Math.max(HOLD_S[name] <= 5 ? 5 : 1, slot * 0.4)), 1),
  }));
}

export function describeFault(name: FaultName, holdS: number, config: SoakConfig): string {
  switch (name) {
    case 'notifier':
      return `SIGKILL notifier-1 (of ${config.notifiers}); a new one started ${holdS} s later`;
    case 'gateway':
      return `SIGKILL the gateway; started again on the same port ${holdS} s later`;
    case 'redis':
      return `SIGKILL redis-server (${config.persistence === 'aof' ? 'AOF, appendfsync everysec' : 'no persistence'}); started again ${holdS} s later`;
    case 'redis-backlog':
      return `both notifiers stopped for ${holdS} s (a backlog builds in Redis), then SIGKILL redis-server, started again 5 s later, then the notifiers`;
    case 'postgres':
      return `pg_ctl stop -m fast; started again ${holdS} s later`;
    case 'slack-500':
      return `the fake Slack answers every Web API call HTTP 500 for ${holdS} s`;
    case 'slack-429':
      return `the fake Slack answers every Web API call HTTP 429, Retry-After: ${config.retryAfterS}, for ${holdS} s`;
  }
}

/** Tries a start up to 3 times, 5 s apart; a service that never comes back fails the soak loudly. */
async function restart(what: string, start: () => Promise<void>): Promise<string> {
  const notes: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const began = performance.now();
    try {
      await start();
      notes.push(`${what} up ${round((performance.now() - began) / 1000, 1)} s after its start began`);
      return notes.join('; ');
    } catch (error) {
      notes.push(`start ${attempt} failed: ${String(error).split('\n')[0]}`);
      if (attempt === 3) throw new Error(`${what} did not come back: ${notes.join('; ')}`);
      await sleep(5000);
    }
  }
}

async function play(stack: SoakStack, fault: PlannedFault): Promise<string> {
  const hold = () => sleep(fault.holdS * 1000);
  switch (fault.name) {
    case 'notifier': {
      const victim = stack.notifiers[0];
      if (victim) await stack.kill(victim);
      await hold();
      return restart('notifier', () => stack.startNotifier(0));
    }
    case 'gateway':
      await stack.kill(stack.gateway);
      await hold();
      return restart('gateway', () => stack.startGateway());
    case 'redis':
      await stack.redis.kill();
      await hold();
      return restart(`redis-server (${stack.config.persistence === 'aof' ? 'AOF loaded, ' : ''}answering PING)`, () =>
        stack.redis.start(),
      );
    case 'redis-backlog': {
      for (const notifier of stack.notifiers) await stack.stop(notifier);
      await hold();
      await stack.redis.kill();
      await sleep(5000);
      const notes = [await restart('redis-server', () => stack.redis.start())];
      for (let slot = 0; slot < stack.notifiers.length; slot++)
        notes.push(await restart(`notifier-${slot + 1}`, () => stack.startNotifier(slot)));
      return notes.join('; ');
    }
    case 'postgres':
      await stack.postgres.stop();
      await hold();
      return restart('PostgreSQL (accepting connections)', async () => {
        await stack.postgres.start();
        if (!(await stack.postgres.ready())) throw new Error('not accepting connections after 60 s');
      });
    case 'slack-500':
    case 'slack-429':
      stack.slack.outage =
        fault.name === 'slack-500' ? { status: 500 } : { status: 429, retryAfterSeconds: stack.config.retryAfterS };
      await hold();
      stack.slack.outage = undefined;
      return 'fake Slack answering normally again';
  }
}

/** Plays the faults at their times (relative to `loadStart`, performance.now() ms), one after the other. */
export async function playFaults(
  stack: SoakStack,
  plan: PlannedFault[],
  loadStart: number,
  onFault: (fault: PlayedFault) => void,
): Promise<PlayedFault[]> {
  const played: PlayedFault[] = [];
  for (const fault of plan) {
    const wait = loadStart + fault.atS * 1000 - performance.now();
    if (wait > 0) await sleep(wait);
    const startedAt = performance.now();
    const detail = await play(stack, fault);
    const done: PlayedFault = {
      ...fault,
      what: describeFault(fault.name, fault.holdS, stack.config),
      startedAt,
      endedAt: performance.now(),
      detail,
    };
    played.push(done);
    onFault(done);
  }
  return played;
}
