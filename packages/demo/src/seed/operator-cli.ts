import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the built operator CLI (`pnpm chatops …`) as its own process, with only the given environment. */
export type OperatorCli = (args: string[]) => Promise<string>;

export function operatorCli(env: Record<string, string>): OperatorCli {
  const main = join(dirname(require.resolve('@chatops/cli/package.json')), 'dist', 'main.js');
  return async (args) => {
    try {
      return (await run(process.execPath, [main, ...args], { env, timeout: 30_000 })).stdout;
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`chatops ${args[0] ?? ''} failed: ${stderr.trim() || String(error)}`);
    }
  };
}

/** The row id a CLI command printed as `(id …)`. */
export function printedId(output: string): string {
  const id = /\(id ([^)\s]+)\)/.exec(output)?.[1];
  if (id === undefined) throw new Error(`no id in the CLI's output: ${output.trim()}`);
  return id;
}
