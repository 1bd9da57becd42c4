import { ConfigError } from '@chatops/config';
import { type CliCommand, CommandFailed, UsageError } from './command';
import { type CliContext } from './context';
import { describeConfigError, describeUniqueViolation } from './failures';
import { commandHelp, helpAsData, overallHelp } from './help';
import { parseCommandArgs } from './parse-args';

/** Where the CLI reads and writes: the process in main.ts, buffers in tests. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliSetup {
  commands: readonly CliCommand[];
  /** Opens what commands use; its configuration is read on first use, so `render` needs none. */
  createContext(env: Record<string, string | undefined>, print: (line: string) => void): CliContext & Closable;
}

interface Closable {
  close(): Promise<void>;
}

/** Exit codes: 0 done, 1 failed (or the environment is incomplete), 2 bad usage. */
export async function runCli(argv: string[], io: CliIo, setup: CliSetup): Promise<number> {
  const { commands } = setup;
  // --json and --help apply to every command, wherever they stand (before a `--`).
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const globalFlag = (...names: string[]) => argv.slice(0, end).some((a) => names.includes(a));
  const json = globalFlag('--json', '--json=yes', '--json=true');
  const help = globalFlag('--help', '-h');
  const args = argv.filter((a, i) => i >= end || !['--json', '--json=yes', '--json=true', '--help', '-h'].includes(a));
  const out = (value: unknown) => io.stdout(`${toJson(value)}\n`);
  const line = (text: string) => io.stdout(`${text}\n`);

  const [name, ...rest] = args;
  if (name === undefined || name === 'help') {
    const command = rest[0] === undefined ? undefined : commands.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !command) return usage(io, json, `unknown command: ${rest[0]}`, overallHelp(commands));
    if (json) out(command ? helpAsData([command])[0] : helpAsData(commands));
    else line(command ? commandHelp(command) : overallHelp(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return usage(io, json, `unknown command: ${name}`, overallHelp(commands));
  if (help) {
    if (json) out(helpAsData([command])[0]);
    else line(commandHelp(command));
    return 0;
  }

  const parsed = parseCommandArgs(command, rest);
  if (parsed.problems.length > 0) return usage(io, json, parsed.problems.join('\n'), commandHelp(command));

  // In JSON mode the text is not printed: the command's result is, once it has finished.
  const context = setup.createContext(io.env, json ? () => undefined : line);
  try {
    const result = await command.run(parsed.values, context, parsed.positionals);
    if (json) out(result ?? null);
    return 0;
  } catch (error) {
    return failure(io, json, error);
  } finally {
    await context.close();
  }
}

function usage(io: CliIo, json: boolean, message: string, help: string): number {
  if (json) io.stderr(`${JSON.stringify({ error: { code: 'usage', message } })}\n`);
  else io.stderr(`${message}\n\n${help}\n`);
  return 2;
}

function failure(io: CliIo, json: boolean, error: unknown): number {
  const report = (code: string, message: string, extra: Record<string, unknown> = {}) =>
    io.stderr(json ? `${JSON.stringify({ error: { code, message, ...extra } })}\n` : `${message}\n`);
  if (error instanceof UsageError) {
    report('usage', error.message);
    return 2;
  }
  const duplicate = describeUniqueViolation(error);
  if (duplicate) {
    report('already_exists', duplicate);
    return 2;
  }
  if (error instanceof ConfigError) {
    if (json) report('configuration', error.message, { problems: error.problems });
    else io.stderr(`${describeConfigError(error, io.env.CHATOPS_CONFIG_HINT)}\n`);
    return 1;
  }
  if (error instanceof CommandFailed) {
    if (json && error.data !== undefined) io.stdout(`${toJson(error.data)}\n`);
    report('failed', error.message);
    return 1;
  }
  report('failed', error instanceof Error ? error.message : String(error));
  return 1;
}

/** JSON as scripts read it: indented, dates as ISO strings, big integers as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}
