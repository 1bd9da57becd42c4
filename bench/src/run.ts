import { benchEnv } from './lib/config';
import { dropLeftoverDatabases } from './lib/database';
import { machineInfo } from './lib/machine';
import { stopAll } from './lib/processes';
import { redisClient } from './lib/redis';
import { type ScenarioResult, writeCapacityTable, writeResult, writeSummary } from './lib/results';
import { closeAllStacks } from './lib/stack';
import { cpuPerEvent } from './scenarios/cpu-per-event';
import { endToEnd } from './scenarios/end-to-end';
import { incidentDeclare } from './scenarios/incident-declare';
import { ingest } from './scenarios/ingest';
import { memory } from './scenarios/memory';
import { rateLimited } from './scenarios/rate-limited';
import { log, type Scenario } from './scenarios/scenario';
import { slashAck } from './scenarios/slash-ack';
import { slowSlack } from './scenarios/slow-slack';
import { soak } from './scenarios/soak';

const SCENARIOS: Scenario[] = [
  ingest,
  endToEnd,
  cpuPerEvent,
  slowSlack,
  rateLimited,
  memory,
  slashAck,
  incidentDeclare,
  soak,
];
const ORDER = SCENARIOS.map((s) => s.name);

function selected(): Scenario[] {
  if (benchEnv.only.length === 0) return SCENARIOS.filter((s) => !s.onlyWhenNamed);
  const unknown = benchEnv.only.filter((n) => !ORDER.includes(n));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown scenario ${unknown.join(', ')} (known: ${ORDER.join(', ')})`);
  return SCENARIOS.filter((s) => benchEnv.only.includes(s.name));
}

/** Plain-language lines for every missed target, first in the scenario's notes. */
function missed(result: ScenarioResult): string[] {
  return result.metrics
    .filter((m) => m.met === false)
    .map(
      (m) =>
        `**Target missed: ${m.name}** — median ${m.median} ${m.unit} (runs ${m.values.join(', ')}), target ${m.target}.`,
    );
}

async function main(): Promise<number> {
  const scenarios = selected();
  // The shared test Redis and PostgreSQL, unless every scenario brings its own (the soak).
  const shared = scenarios.some((s) => !s.ownInfrastructure);
  const leftovers = shared ? await dropLeftoverDatabases() : [];
  if (leftovers.length > 0)
    log('bench', `dropped ${leftovers.length} database(s) an interrupted run left: ${leftovers.join(', ')}`);
  const redis = shared ? redisClient() : undefined;
  let failures = 0;
  const missedAll: string[] = [];
  try {
    for (const scenario of scenarios) {
      const started = new Date();
      const machine = await machineInfo(scenario.ownInfrastructure ? undefined : redis);
      log(scenario.name, `start (${benchEnv.runs} runs; load avg ${machine.loadAverage1m})`);
      try {
        const { resultName, title, machine: known, ...outcome } = await scenario.run();
        const result: ScenarioResult = {
          scenario: resultName ?? scenario.name,
          title: title ?? scenario.title,
          startedAt: started.toISOString(),
          durationS: Math.round((Date.now() - started.getTime()) / 1000),
          machine: { ...machine, ...known },
          ...outcome,
        };
        result.notes = [...missed(result), ...outcome.notes];
        missedAll.push(...missed(result).map((n) => `${scenario.name}: ${n.replace(/\*\*/g, '')}`));
        const file = writeResult(result);
        writeSummary(ORDER);
        if (result.scenario === cpuPerEvent.name && writeCapacityTable())
          log(scenario.name, 'docs/capacity.md: table recomputed from this run');
        log(scenario.name, `done in ${result.durationS}s → ${file}`);
        for (const m of result.metrics)
          console.log(
            `${scenario.name.padEnd(12)} ${m.name.padEnd(58)} ${String(m.median).padStart(10)} ${m.unit.padEnd(12)} [${m.min} – ${m.max}] ${m.target ?? ''} ${m.met === undefined ? '' : m.met ? 'met' : 'MISSED'}`,
          );
      } catch (error) {
        failures++;
        log(scenario.name, `FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        await closeAllStacks();
      }
    }
  } finally {
    redis?.disconnect();
  }
  console.log(
    missedAll.length === 0
      ? '\nbench: every target met'
      : `\nbench: ${missedAll.length} target(s) missed:\n  ${missedAll.join('\n  ')}`,
  );
  if (failures > 0) console.log(`bench: ${failures} scenario(s) failed to run`);
  return failures > 0 || (process.env.BENCH_STRICT === '1' && missedAll.length > 0) ? 1 : 0;
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log('bench', `${signal}: stopping the processes, dropping the databases and keys of this run`);
    void closeAllStacks()
      .then(stopAll)
      .finally(() => process.exit(130));
  });
}

// A bug in the harness must not leave services, or the soak's own Redis and PostgreSQL, running.
process.once('uncaughtException', (error) => {
  console.error(error);
  stopping = true;
  void closeAllStacks()
    .then(stopAll)
    .finally(() => process.exit(1));
});

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error);
    await closeAllStacks();
    await stopAll();
    process.exit(1);
  },
);
