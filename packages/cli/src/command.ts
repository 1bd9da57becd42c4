import { type CliContext } from './context';

/** One CLI command: `chatops <name> [--option value ...]`. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Option names and what they mean; all options take a value. */
  options: Record<string, { description: string; required?: boolean }>;
  /** Positional arguments, described for the help text (none when absent). */
  positionals?: string;
  run(options: Record<string, string>, context: CliContext, positionals: string[]): Promise<void>;
}

/** A usage error: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

export function requireOption(options: Record<string, string>, name: string): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function listOption(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
