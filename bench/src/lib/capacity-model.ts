/**
 * The capacity model of docs/capacity.md: from the CPU each process spends per delivered event,
 * the cores and replicas a sustained rate needs, and the rate a set of pinned processes should
 * reach. Pure: the cpu-per-event scenario feeds it measured figures.
 */

/**
 * CPU milliseconds per delivered event as a function of the rate one process handles. It is not a
 * constant: on every machine measured it fell as the rate rose (more events per wake-up: ioredis
 * and node-postgres replies read together, BullMQ fetching the next job with the last one's
 * completion, group commits). A power law through the measured rates, `ms × (rate ÷ atRate)^exponent`,
 * fits the three rates of the cpu-per-event scenario within their noise. It is followed only from
 * the highest rate measured (`heldBelow`) up to twice that (`flatAbove`), and held flat outside:
 * below, the bench's figures are those of a process with little to do, which a replica planned at
 * half a core, or a process in the pinned capacity check, is not (its cost per event was lower
 * still: docs/capacity.md#checking-the-model-on-a-machine); above, nothing says it keeps falling.
 */
export interface CostCurve {
  /** CPU-ms per event at `atRate`. */
  ms: number;
  atRate: number;
  /** d ln(cost) ÷ d ln(rate): 0 for a constant cost, negative when it falls with the rate. */
  exponent: number;
  heldBelow: number;
  flatAbove: number;
}

/** A cost that does not depend on the rate. */
export const flatCost = (ms: number): CostCurve => ({
  ms,
  atRate: 1,
  exponent: 0,
  heldBelow: 0,
  flatAbove: Number.POSITIVE_INFINITY,
});

/** How far past the highest measured rate the fitted curve is followed. */
export const EXTRAPOLATE_TO = 2;
/** A total CPU that falls as the rate rises is no physical process: the exponent stays above −1. */
const STEEPEST = -0.9;

/** The least-squares power law through (rate, CPU-ms per event) points, in log-log. */
export function fitCostCurve(points: readonly { rate: number; ms: number }[]): CostCurve {
  const usable = points.filter((p) => p.rate > 0 && p.ms > 0 && Number.isFinite(p.ms));
  if (usable.length === 0) return flatCost(Number.NaN);
  const xs = usable.map((p) => Math.log(p.rate));
  const ys = usable.map((p) => Math.log(p.ms));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const exponent = sxx > 0 ? Math.min(1, Math.max(STEEPEST, sxy / sxx)) : 0;
  const top = Math.max(...usable.map((p) => p.rate));
  // Through the points' centre of mass, so that the curve is the fit's and not one point's.
  return { ms: Math.exp(my), atRate: Math.exp(mx), exponent, heldBelow: top, flatAbove: top * EXTRAPOLATE_TO };
}

/** CPU-ms per event for a process handling `rate` events/s. */
export function costAt(curve: CostCurve, rate: number): number {
  const r = Math.min(Math.max(rate, curve.heldBelow), curve.flatAbove);
  return curve.exponent === 0 ? curve.ms : curve.ms * (r / curve.atRate) ** curve.exponent;
}

/** The rate at which a process following `curve` keeps `cores` busy: rate × cost(rate) = cores × 1000. */
export function rateForCores(curve: CostCurve, cores: number): number {
  const budget = cores * 1000;
  if (curve.exponent === 0) return budget / curve.ms;
  // Flat below heldBelow and above flatAbove; between, ms × (R ÷ atRate)^e × R = budget, so
  // R = (budget × atRate^e ÷ ms)^(1 ÷ (1 + e)).
  const low = budget / costAt(curve, curve.heldBelow);
  if (low <= curve.heldBelow) return low;
  const rate = ((budget * curve.atRate ** curve.exponent) / curve.ms) ** (1 / (1 + curve.exponent));
  return rate <= curve.flatAbove ? rate : budget / costAt(curve, curve.flatAbove);
}

/** CPU cost curves per process kind (from the cpu-per-event scenario's chatops medians). */
export interface CpuCosts {
  gateway: CostCurve;
  notifier: CostCurve;
  redis: CostCurve;
  postgres: CostCurve;
}

/** `replicas` processes sharing a rate and limited to `cores` together, spending CPU per event as `cost`. */
export interface Bounded {
  name: string;
  cores: number;
  cost: CostCurve;
  /** Processes the group's rate is spread over (each handles rate ÷ replicas); 1 by default. */
  replicas?: number;
}

export interface Prediction {
  /** Events per second: the lowest bound. */
  rate: number;
  /** Which bound it is. */
  bottleneck: string;
  /** Each bound: the rate at which the group's cores are all busy. */
  bounds: Record<string, number>;
}

/**
 * The highest sustained rate: each bounded group runs out of CPU at some rate, and the rate is the
 * lowest of those. With services pinned to cores, pass each service with its cores, and the
 * machine (its cores, with everything that runs on it per event): processes left free (Redis,
 * PostgreSQL, the load generator) fill whatever room the pinned ones leave, so the machine as a
 * whole is a bound too.
 */
export function predictRate(bounded: readonly Bounded[]): Prediction {
  const bounds = Object.fromEntries(
    bounded.map((b) => {
      const n = b.replicas ?? 1;
      return [b.name, n * rateForCores(b.cost, b.cores / n)];
    }),
  );
  let bottleneck = '';
  let rate = Number.POSITIVE_INFINITY;
  for (const [name, bound] of Object.entries(bounds)) if (bound < rate) [bottleneck, rate] = [name, bound];
  return { rate, bottleneck, bounds };
}

/** How a deployment is planned. */
export interface PlanOptions {
  /**
   * Share of one core a replica is planned to use at the sustained rate. The rest absorbs bursts
   * and GC, and keeps latency low: on the bench machine p99 ≤ 20 ms held only while about half of
   * the cores were idle (docs/benchmarks.md).
   */
  utilisation: number;
  /** Fewest replicas per service (the gateway's HPA keeps 2, KEDA keeps 1 notifier warm). */
  minReplicas: { gateway: number; notifier: number };
  /** PostgreSQL connections each replica may open (DATABASE_POOL_SIZE). */
  poolSize: number;
}

export const DEFAULT_PLAN: PlanOptions = {
  utilisation: 0.5,
  minReplicas: { gateway: 2, notifier: 1 },
  poolSize: 10,
};

export interface ServicePlan {
  /** Cores busy at the rate: rate × CPU-ms per event ÷ 1000. */
  cores: number;
  /** Replicas so that none is busier than the planned utilisation. */
  replicas: number;
}

export interface CapacityPlan {
  rate: number;
  gateway: ServicePlan;
  notifier: ServicePlan;
  /** Redis and PostgreSQL cores busy at the rate (Redis runs commands on one thread: past ~1 core it needs sharding). */
  redisCores: number;
  postgresCores: number;
  /** Connections the replicas may open: poolSize × (gateways + notifiers). */
  postgresConnections: number;
}

function service(rate: number, cost: CostCurve, utilisation: number, min: number): ServicePlan {
  // A Node process runs its JavaScript on one thread: a replica is at most one core's worth, and
  // it is planned at `utilisation` of one, which it reaches at this rate of its own.
  const perReplica = rateForCores(cost, utilisation);
  const replicas = Math.max(min, Math.ceil(rate / perReplica - 1e-9));
  return { cores: (rate * costAt(cost, rate / replicas)) / 1000, replicas };
}

/** Cores busy for a server that takes the whole rate (Redis, PostgreSQL). */
const serverCores = (rate: number, cost: CostCurve) => (rate * costAt(cost, rate)) / 1000;

export function plan(rate: number, cost: CpuCosts, options: PlanOptions = DEFAULT_PLAN): CapacityPlan {
  const gateway = service(rate, cost.gateway, options.utilisation, options.minReplicas.gateway);
  const notifier = service(rate, cost.notifier, options.utilisation, options.minReplicas.notifier);
  return {
    rate,
    gateway,
    notifier,
    redisCores: serverCores(rate, cost.redis),
    postgresCores: serverCores(rate, cost.postgres),
    postgresConnections: options.poolSize * (gateway.replicas + notifier.replicas),
  };
}

/**
 * KEDA's `listLength` for a queue: waiting jobs per replica before it adds one. A replica at the
 * planned utilisation handles `rateForCores(cost, utilisation)` events/s; a backlog of that many
 * times `backlogS` seconds is what one replica clears in `backlogS` seconds at that pace.
 */
export function kedaListLength(cost: CostCurve, utilisation: number, backlogS: number): number {
  return Math.max(1, Math.round(rateForCores(cost, utilisation) * backlogS));
}

/** What the stores hold per event, measured by the cpu-per-event scenario. */
export interface StorageCosts {
  /** Redis bytes per event waiting in the `events` queue (job hash, list entry, dedupe key). */
  redisBytesPerQueuedEvent: number;
  /** Redis bytes per dedupe key, kept WEBHOOK_DEDUPE_TTL_SECONDS after each event. */
  redisBytesPerDedupeKey: number;
  /** PostgreSQL bytes per delivered event (Delivery and DeliveryAttempt rows with their indexes). */
  postgresBytesPerEvent: number;
}

export interface StoragePlan {
  /** Dedupe keys alive at the sustained rate: rate × TTL of them, in bytes. */
  redisDedupeBytes: number;
  /** A backlog of `backlogS` seconds of events, in bytes (an outage of the notifiers that long). */
  redisBacklogBytes: number;
  /** PostgreSQL growth per day (nothing deletes deliveries today). */
  postgresBytesPerDay: number;
}

export function storage(rate: number, costs: StorageCosts, dedupeTtlS: number, backlogS: number): StoragePlan {
  return {
    redisDedupeBytes: rate * dedupeTtlS * costs.redisBytesPerDedupeKey,
    redisBacklogBytes: rate * backlogS * costs.redisBytesPerQueuedEvent,
    postgresBytesPerDay: rate * 86_400 * costs.postgresBytesPerEvent,
  };
}

/**
 * The capacity check's search: these fractions of the predicted rate, in order, until one does not
 * keep up. Up to twice the prediction, so that a model off by more than the 25 % it is meant to
 * hold shows as a measured rate, not as "every step kept up".
 */
export const SEARCH_FRACTIONS = [0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2] as const;

/** Where the search goes when its first step (80 %) already falls behind: down until one keeps up. */
export const SEARCH_DOWN_FRACTIONS = [0.7, 0.6, 0.5, 0.4, 0.3] as const;

/** The rates the capacity check tries, rounded to 10/s (at least 10/s). */
export function searchRates(predicted: number, fractions: readonly number[] = SEARCH_FRACTIONS): number[] {
  return [...new Set(fractions.map((f) => Math.max(10, Math.round((predicted * f) / 10) * 10)))];
}

/**
 * The capacity check's search: up through `searchRates(predicted)` until a step falls behind; if
 * the first already does, down through SEARCH_DOWN_FRACTIONS until one keeps up, so that a
 * prediction too high shows as a measured rate too. `keepsUp` runs one step.
 */
export async function searchCapacity(predicted: number, keepsUp: (rate: number) => Promise<boolean>): Promise<void> {
  let first: boolean | undefined;
  for (const rate of searchRates(predicted)) {
    const ok = await keepsUp(rate);
    first ??= ok;
    if (!ok) break;
  }
  if (first === false) for (const rate of searchRates(predicted, SEARCH_DOWN_FRACTIONS)) if (await keepsUp(rate)) break;
}

/** What the capacity check reads from one step (a load run). */
export interface Step {
  sent: number;
  accepted: number;
  /** Accepted but not delivered when the drain window closed. */
  stillQueued: number;
  /** Seconds from the last send until the last message arrived. */
  drainS: number;
  /** Messages/s arriving while the load ran (after its first 20 %). */
  deliveredPerSecond: number;
}

/**
 * A step at `rate` kept up when everything sent was accepted and delivered, at the rate offered
 * (at least 95 % of it while the load ran: a load generator starved of CPU sends late, and then
 * the machine did not sustain the rate either), with no backlog left when the load stopped: the
 * last message arrived within max(1 s, 5 % of the step) of the last send. A rate x % above
 * capacity leaves a backlog of x % of the step's events, which takes about x % of the step to
 * clear, so 5 % of overload is caught (1 s covers a latency spike on a rate that keeps up).
 */
export function keptUp(step: Step, rate: number, stepS: number): boolean {
  return (
    step.accepted === step.sent &&
    step.stillQueued === 0 &&
    step.deliveredPerSecond >= 0.95 * rate &&
    step.drainS <= Math.max(1, 0.05 * stepS)
  );
}

/** Relative error of a prediction: |measured − predicted| ÷ predicted. */
export function predictionError(measured: number, predicted: number): number {
  return Math.abs(measured - predicted) / predicted;
}
