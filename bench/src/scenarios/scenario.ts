import { type ScenarioResult } from '../lib/results';

export type ScenarioOutcome = Pick<ScenarioResult, 'config' | 'metrics' | 'notes' | 'runs'>;

export interface Scenario {
  /** The name BENCH_ONLY selects and the results file is called. */
  name: string;
  title: string;
  run(): Promise<ScenarioOutcome>;
}

/** Logs a progress line (stderr, so stdout stays for the final table). */
export function log(scenario: string, message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${scenario}: ${message}\n`);
}
