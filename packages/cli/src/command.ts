import { type CliContext } from './context';

/** One option of a command: `--name value`, or for a flag `--name` / `--name=false` / `--name yes`. */
export interface OptionSpec {
  description: string;
  /** Checked before the command runs; every missing one is reported at once. */
  required?: boolean;
  /** `flag`: a yes/no switch, read as a boolean. Default: takes a value. */
  type?: 'string' | 'flag';
}

export type OptionSpecs = Record<string, OptionSpec>;

/** What `run` receives: each option's value, `undefined` when not given. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K] extends { type: 'flag' } ? boolean : string;
};

/** One CLI command: `chatops <name> [--option value ...]`. */
export interface CliCommand<O extends OptionSpecs = OptionSpecs> {
  name: string;
  summary: string;
  options: O;
  /** Positional arguments, described for the help text (none allowed when absent). */
  positionals?: string;
  /**
   * Problems with the options that need no database (bad values, options one choice requires),
   * reported together with missing and unknown options before the command runs.
   */
  check?(options: OptionValues<O>): string[];
  /**
   * Does the work. Text for people goes through `context.print`; the value returned is what
   * `--json` prints instead (so a command that shows data returns that data).
   */
  run(options: OptionValues<O>, context: CliContext, positionals: string[]): Promise<unknown>;
}

/** Declares a command; the option values `run` gets are typed from `options`. */
export function defineCommand<const O extends OptionSpecs>(command: CliCommand<O>): CliCommand<O> {
  return command;
}

/** A usage error: printed on stderr, exit code 2. Several problems go on separate lines. */
export class UsageError extends Error {
  constructor(problems: string | readonly string[]) {
    super(typeof problems === 'string' ? problems : problems.join('\n'));
    this.name = 'UsageError';
  }
}

/**
 * The command ran and failed (exit code 1), with a result worth printing anyway: `--json`
 * prints `data` on stdout, as a successful run would.
 */
export class CommandFailed extends Error {
  constructor(
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'CommandFailed';
  }
}

export function requireOption<K extends string>(options: { readonly [key in K]?: string }, name: K): string {
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
