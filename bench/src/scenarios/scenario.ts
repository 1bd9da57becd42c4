import { type MachineInfo } from '../lib/machine';
import { type ScenarioResult } from '../lib/results';

export type ScenarioOutcome = Pick<ScenarioResult, 'config' | 'metrics' | 'notes' | 'runs'> & {
  /** The results file's name when it is not the scenario's (a variant: `soak-redis-no-persistence`). */
  resultName?: string;
  title?: string;
  /** What the scenario knows better than the harness (the versions of the servers it started itself). */
  machine?: Partial<MachineInfo>;
};

export interface Scenario {
  /** The name BENCH_ONLY selects and the results file is called. */
  name: string;
  title: string;
  /** Runs only when BENCH_ONLY names it (the soak: 20 minutes, and not a benchmark of speed). */
  onlyWhenNamed?: boolean;
  /** Starts its own Redis and PostgreSQL: needs neither TEST_REDIS_URL nor TEST_DATABASE_URL. */
  ownInfrastructure?: boolean;
  run(): Promise<ScenarioOutcome>;
}

/** Logs a progress line (stderr, so stdout stays for the final table). */
export function log(scenario: string, message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${scenario}: ${message}\n`);
}
