import { cpus } from 'node:os';
import { type Bounded, type CostCurve, keptUp, predictRate, type Prediction, searchCapacity } from './capacity-model';
import { loadRun, warmUp } from './load-run';
import { pinToCores } from './processes';
import { startStack } from './stack';
import { round } from './stats';

/**
 * CPU-ms per delivered event the prediction starts from: cpu-per-event's saturated runs (a backlog
 * at every process, as at a pinned process' limit), flat.
 */
export interface CheckCosts {
  gateway: CostCurve;
  notifier: CostCurve;
  /** Everything that runs on the machine per event: services, Redis, PostgreSQL, load generator and fake Slack. */
  machine: CostCurve;
  /** Cores' worth of CPU other work on the machine took during the saturated runs (0 on a quiet machine). */
  othersCores: number;
}

export interface CheckStep {
  rate: number;
  keptUp: boolean;
  deliveredPerSecond: number;
  drainS: number;
  p99Ms: number;
  cpuPercent: Record<string, number>;
}

export interface CheckResult {
  /** From the saturated runs' figures, with the room other work left during them: chooses the steps. */
  prediction: Prediction;
  /**
   * The same with the room other work left during the check's own steps (on a quiet machine, the
   * same as `prediction`): what `measured` is compared with.
   */
  predictionDuringCheck: Prediction;
  /** The highest step that kept up (0 when the first did not). */
  measured: number;
  /** Messages/s at the first step that did not keep up: what the pinned processes deliver when overloaded. */
  overloadedPerSecond: number | undefined;
  steps: CheckStep[];
}

const GATEWAY_CORE = '0';
const NOTIFIER_CORE = '1';

/**
 * The capacity model checked on this machine: one gateway pinned to core 0 and two notifiers to
 * core 1 (taskset, every thread). Redis, PostgreSQL and the bench process stay free: they are
 * shared (the test servers) or drive the load, and pinning them to either core would take it from
 * the service the check is about; the model counts them in the machine's bound instead. Load goes
 * open loop in steps (fractions of the prediction, each `stepS`) until a step does not keep up,
 * or, when the first does not, down until one does.
 */
export async function capacityCheck(
  costs: CheckCosts,
  stepS: number,
  onStep: (s: CheckStep) => void,
): Promise<CheckResult> {
  const prediction = predictRate(bounds(costs, costs.othersCores));
  const stack = await startStack({ label: 'capacity', notifiers: 2 });
  const steps: CheckStep[] = [];
  try {
    pinToCores(stack.gateway.pid, GATEWAY_CORE);
    for (const notifier of stack.notifiers) pinToCores(notifier.pid, NOTIFIER_CORE);
    await warmUp(stack);
    const step = async (rate: number): Promise<CheckStep> => {
      // A step that falls behind leaves a backlog: the load run waits for the queues to empty
      // (at most 300 s), so the next step, if any, starts from none.
      const r = await loadRun(stack, { rate, durationS: stepS, maxDrainS: 15, quietS: 5 });
      const s = {
        rate,
        keptUp: keptUp(r, rate, stepS),
        deliveredPerSecond: r.deliveredPerSecond,
        drainS: r.drainS,
        p99Ms: r.p99Ms,
        cpuPercent: r.cpuPercent,
      };
      steps.push(s);
      onStep(s);
      return s;
    };
    await searchCapacity(prediction.rate, async (rate) => (await step(rate)).keptUp);
  } finally {
    await stack.close();
  }
  const passed = steps.filter((s) => s.keptUp);
  const failed = steps.find((s) => !s.keptUp);
  const othersDuring = steps.reduce((sum, s) => sum + (s.cpuPercent['other processes'] ?? 0), 0) / steps.length / 100;
  return {
    prediction: rounded(prediction),
    predictionDuringCheck: rounded(predictRate(bounds(costs, othersDuring))),
    measured: passed.length > 0 ? Math.max(...passed.map((s) => s.rate)) : 0,
    overloadedPerSecond: failed?.deliveredPerSecond,
    steps,
  };
}

/** The gateway on its core, the notifiers on theirs, and the machine less what other work took of it. */
function bounds(costs: CheckCosts, othersCores: number): Bounded[] {
  return [
    { name: `gateway (core ${GATEWAY_CORE})`, cores: 1, cost: costs.gateway },
    // Each of the two handles half the rate, at its cost for half the rate.
    { name: `2 notifiers (core ${NOTIFIER_CORE})`, cores: 1, cost: costs.notifier, replicas: 2 },
    { name: 'the machine', cores: Math.max(0.1, cpus().length - othersCores), cost: costs.machine },
  ];
}

const rounded = (p: Prediction): Prediction => ({
  rate: round(p.rate),
  bottleneck: p.bottleneck,
  bounds: Object.fromEntries(Object.entries(p.bounds).map(([k, v]) => [k, round(v)])),
});
