import { type CliCommand, type OptionSpec } from './command';

/** Options every command takes, shown in each command's help. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { description: 'print the result as JSON (errors too, on stderr)', type: 'flag' },
  help: { description: 'show this help', type: 'flag' },
};

export function overallHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: chatops <command> [--option value ...] [--json]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'chatops <command> --help for its options; --json prints what a command shows as JSON',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const rows = [...Object.entries(command.options), ...Object.entries(GLOBAL_OPTIONS)].map(([name, o]) => ({
    left: o.type === 'flag' ? `--${name}` : `--${name} <value>`,
    right: `${o.description}${o.required ? ' (required)' : ''}`,
  }));
  const width = Math.max(...rows.map((r) => r.left.length));
  return [
    `usage: chatops ${command.name} [options]${command.positionals ? ` ${command.positionals}` : ''}`,
    command.summary,
    '',
    ...rows.map((r) => `  ${r.left.padEnd(width)}  ${r.right}`),
    ...(Object.values(command.options).some((o) => o.type === 'flag')
      ? ['', 'A flag alone means yes; it also takes a word: --flag yes, --flag=false, --no-flag.']
      : []),
  ].join('\n');
}

/** The command catalogue as data, for `chatops help --json`. */
export function helpAsData(commands: readonly CliCommand[]) {
  return commands.map((c) => ({
    name: c.name,
    summary: c.summary,
    positionals: c.positionals ?? null,
    options: Object.entries(c.options).map(([name, o]) => ({
      name,
      description: o.description,
      required: o.required ?? false,
      type: o.type ?? 'string',
    })),
  }));
}
