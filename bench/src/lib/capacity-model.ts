/**
 * The capacity model of docs/capacity.md: from the CPU each process spends per delivered event,
 * the cores and replicas a sustained rate needs, and the rate a set of pinned processes should
 * reach. Pure: the cpu-per-event scenario feeds it measured figures.
 */

/** CPU milliseconds per delivered event, per process kind (the cpu-per-event scenario's medians). */
export interface CpuCosts {
  gateway: number;
  notifier: number;
  redis: number;
  postgres: number;
}

/** A process (or processes) limited to `cores`, spending `cpuMsPerEvent` per event. */
export interface Bounded {
  name: string;
  cores: number;
  cpuMsPerEvent: number;
}

export interface Prediction {
  /** Events per second: the lowest bound. */
  rate: number;
  /** Which bound it is. */
  bottleneck: string;
  /** Each bound: cores × 1000 ÷ CPU-ms per event. */
  bounds: Record<string, number>;
}

/**
 * The highest sustained rate: each bounded group can do at most `cores × 1000 ÷ ms per event`
 * events/s, and the rate is the lowest of those. With services pinned to cores, pass each
 * service with its cores, and the machine (its cores, with everything that runs on it per
 * event): processes left free (Redis, PostgreSQL, the load generator) fill whatever room the
 * pinned ones leave, so the machine as a whole is a bound too.
 */
export function predictRate(bounded: readonly Bounded[]): Prediction {
  const bounds = Object.fromEntries(bounded.map((b) => [b.name, (b.cores * 1000) / b.cpuMsPerEvent]));
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

const busy = (rate: number, ms: number) => (rate * ms) / 1000;

function service(rate: number, ms: number, utilisation: number, min: number): ServicePlan {
  const cores = busy(rate, ms);
  // A Node process runs its JavaScript on one thread: a replica is at most one core's worth.
  return { cores, replicas: Math.max(min, Math.ceil(cores / utilisation - 1e-9)) };
}

export function plan(rate: number, cost: CpuCosts, options: PlanOptions = DEFAULT_PLAN): CapacityPlan {
  const gateway = service(rate, cost.gateway, options.utilisation, options.minReplicas.gateway);
  const notifier = service(rate, cost.notifier, options.utilisation, options.minReplicas.notifier);
  return {
    rate,
    gateway,
    notifier,
    redisCores: busy(rate, cost.redis),
    postgresCores: busy(rate, cost.postgres),
    postgresConnections: options.poolSize * (gateway.replicas + notifier.replicas),
  };
}

/**
 * KEDA's `listLength` for a queue: waiting jobs per replica before it adds one. A replica at the
 * planned utilisation handles `utilisation × 1000 ÷ ms` events/s; a backlog of that many times
 * `backlogS` seconds is what one replica clears in `backlogS` seconds at that pace.
 */
export function kedaListLength(cpuMsPerEvent: number, utilisation: number, backlogS: number): number {
  return Math.max(1, Math.round(((utilisation * 1000) / cpuMsPerEvent) * backlogS));
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

/** The capacity check's search: these fractions of the predicted rate, in order, until one does not keep up. */
export const SEARCH_FRACTIONS = [0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5] as const;

/** The rates the capacity check tries, rounded to 10/s (at least 10/s). */
export function searchRates(predicted: number, fractions: readonly number[] = SEARCH_FRACTIONS): number[] {
  return [...new Set(fractions.map((f) => Math.max(10, Math.round((predicted * f) / 10) * 10)))];
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
