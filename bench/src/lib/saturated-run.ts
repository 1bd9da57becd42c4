/**
 * cpu-per-event's saturated run: the stack offered more than it delivers, so that every process
 * works with a backlog. Its CPU per event is what capacity is made of (docs/capacity.md#the-model).
 */
import { keptUp } from './capacity-model';
import { benchEnv } from './config';
import { loadRun, warmUp } from './load-run';
import { cpuMsPerEvent } from './per-event';
import { type Stack } from './stack';
import { round } from './stats';

/** One gateway and two notifiers offered more than they deliver: every process works with a backlog. */
export interface SaturatedRun {
  offered: number;
  /** False when the stack kept up after all: its CPU per event is then a light-load figure. */
  backlogged: boolean;
  /** Events delivered ÷ seconds from the first send until the last arrival (the gateway's backlog included). */
  deliveredPerSecond: number;
  /** Seconds until every request was answered, and from then until the last message arrived. */
  answeredS: number;
  drainS: number;
  /** CPU-ms per delivered event, per group (both notifiers together), over the load and its drain. */
  cpuMs: Record<string, number>;
  cpuPercent: Record<string, number>;
}

/** The notifiers of the saturated run: the capacity check's, so that what two cost is what it predicts from. */
export const SATURATED_NOTIFIERS = 2;

/**
 * What capacity is made of: CPU per event with a backlog. A process that finds many jobs, replies
 * and requests at each wake-up spends far less per event than one woken for each (docs/capacity.md).
 * Adds notifiers to the stack up to SATURATED_NOTIFIERS (warmed up like the first).
 */
export async function saturate(stack: Stack, warmUpEvents: number): Promise<SaturatedRun> {
  while (stack.notifiers.length < SATURATED_NOTIFIERS) await stack.startNotifier();
  await warmUp(stack, warmUpEvents);
  const { saturateRate: rate, saturateS: durationS } = benchEnv;
  const r = await loadRun(stack, { rate, durationS, maxDrainS: 120, quietS: 10 });
  const events = r.accepted - r.stillQueued;
  return {
    offered: rate,
    backlogged: !keptUp(r, rate, durationS),
    deliveredPerSecond: round(events / (r.answeredS + r.drainS)),
    answeredS: r.answeredS,
    drainS: r.drainS,
    cpuMs: Object.fromEntries(
      Object.entries(cpuMsPerEvent(r.cpuToDrained.cpuSeconds, events)).map(([k, v]) => [k, round(v, 3)]),
    ),
    cpuPercent: r.cpuToDrained.cpuPercent,
  };
}
