#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '@chatops/config';
import { Prisma } from '@chatops/db';
import { type CliCommand, UsageError } from './command';
import { LazyCliContext } from './context';
import { COMMANDS } from './registry';

const print = (line: string) => process.stdout.write(`${line}\n`);

function help(command?: CliCommand): string {
  if (!command) {
    const width = Math.max(...COMMANDS.map((c) => c.name.length));
    return [
      'usage: chatops <command> [--option value ...]',
      '',
      ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      'chatops <command> --help for its options',
    ].join('\n');
  }
  const lines = Object.entries(command.options).map(
    ([name, o]) => `  --${name}  ${o.description}${o.required ? ' (required)' : ''}`,
  );
  return [
    `usage: chatops ${command.name} [options]${command.positionals ? ` ${command.positionals}` : ''}`,
    command.summary,
    '',
    ...lines,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    print(help());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help')) {
    print(help(command));
    return 0;
  }
  let options: Record<string, string>;
  let positionals: string[];
  try {
    const spec = Object.fromEntries(Object.keys(command.options).map((o) => [o, { type: 'string' as const }]));
    const parsed = parseArgs({
      args: rest,
      options: spec,
      strict: true,
      allowPositionals: command.positionals !== undefined,
    });
    options = parsed.values as Record<string, string>;
    positionals = parsed.positionals;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${help(command)}\n`);
    return 2;
  }

  const context = new LazyCliContext(process.env, print);
  try {
    await command.run(options, context, positionals);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      process.stderr.write(
        `already exists (${String((error.meta as { target?: unknown } | undefined)?.target ?? 'unique key')})\n`,
      );
      return 2;
    }
    throw error;
  } finally {
    await context.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
