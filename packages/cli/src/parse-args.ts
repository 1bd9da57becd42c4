import { parseArgs } from 'node:util';
import { type CliCommand, type OptionSpecs, type OptionValues } from './command';

/** Flag values accepted after `--flag=` (or as the next word): `--signing true` works like `--signing yes`. */
const FLAG_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  yes: true,
  on: true,
  '1': true,
  false: false,
  no: false,
  off: false,
  '0': false,
};

export interface ParsedArgs<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
  /** Everything wrong with the command line, one line each; empty when it can run. */
  problems: string[];
}

/**
 * Reads a command's arguments with node's parseArgs (its tokens, so that every problem can be
 * reported at once rather than the first one): unknown options, options without their value,
 * flags with a value that is not yes/no, missing required options, stray arguments, and what the
 * command's own `check` finds.
 */
export function parseCommandArgs<O extends OptionSpecs>(command: CliCommand<O>, args: string[]): ParsedArgs<O> {
  const specs = Object.entries(command.options);
  const { tokens } = parseArgs({
    args: withEmptyValues(command.options, args),
    options: Object.fromEntries(
      specs.map(([name, spec]) => [name, { type: spec.type === 'flag' ? ('boolean' as const) : ('string' as const) }]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const problems: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const negated = token.name.startsWith('no-') ? command.options[token.name.slice(3)] : undefined;
    const spec = command.options[token.name] ?? (negated?.type === 'flag' ? negated : undefined);
    if (!spec) {
      unknown.push(token.rawName);
      continue;
    }
    if (spec.type === 'flag') {
      const name = negated ? token.name.slice(3) : token.name;
      let word = token.inlineValue ? token.value : undefined;
      // `--signing yes`: a word right after a flag belongs to it (any word, when the command takes no arguments).
      const next = tokens[i + 1];
      const takesWord =
        next?.kind === 'positional' && (command.positionals === undefined || next.value.toLowerCase() in FLAG_WORDS);
      if (word === undefined && !negated && takesWord) {
        word = next.value;
        i++;
      }
      const value = word === undefined ? true : FLAG_WORDS[word.toLowerCase()];
      if (value === undefined) problems.push(`--${name} takes yes or no (true/false), not "${word}"`);
      else values[name] = negated ? !value : value;
      continue;
    }
    if (token.value === undefined || token.value === '') {
      problems.push(`--${token.name} needs a value`);
      continue;
    }
    values[token.name] = token.value;
  }

  if (unknown.length > 0) problems.unshift(`unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  const missing = specs
    .filter(([name, spec]) => spec.required && (values[name] === undefined || values[name] === ''))
    .filter(([name]) => !problems.includes(`--${name} needs a value`))
    .map(([name]) => `--${name}`);
  if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);
  // A word after an unknown option is most likely its value: only complain about strays otherwise.
  if (command.positionals === undefined && positionals.length > 0 && unknown.length === 0)
    problems.push(`unexpected argument${positionals.length > 1 ? 's' : ''}: ${positionals.join(' ')}`);
  if (problems.length === 0 && command.check) problems.push(...command.check(values as OptionValues<O>));
  return { values: values as OptionValues<O>, positionals, problems };
}

/**
 * parseArgs, when not strict, would read `--path --name x` as path="--name": an option that
 * takes a value, followed by another option, is given an empty value instead (reported as missing).
 */
function withEmptyValues(options: OptionSpecs, args: string[]): string[] {
  const end = args.indexOf('--');
  return args.map((arg, i) => {
    const spec = arg.startsWith('--') && !arg.includes('=') ? options[arg.slice(2)] : undefined;
    const next = args[i + 1];
    const beforeEnd = end === -1 || i < end;
    return spec && spec.type !== 'flag' && beforeEnd && next?.startsWith('--') ? `${arg}=` : arg;
  });
}
