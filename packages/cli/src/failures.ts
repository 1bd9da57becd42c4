import { type ConfigError } from '@chatops/config';
import { Prisma } from '@chatops/db';

/**
 * What to tell an operator whose environment lacks what the CLI needs: the problems, then the
 * lines that set the variables. `hint` replaces the advice when the CLI knows better where the
 * settings come from (./chatops passes CHATOPS_CONFIG_HINT).
 */
export function describeConfigError(error: ConfigError, hint?: string): string {
  const examples: Record<string, string> = {
    DATABASE_URL: 'export DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/chatops',
    ENCRYPTION_KEY: "export ENCRYPTION_KEY=...   # the services' key: 64 hex characters or base64",
  };
  const lines = error.problems.map((p) => examples[p.variable]).filter((l): l is string => l !== undefined);
  const problems = error.problems.map((p) => `  ${p.variable}: ${p.problem}`);
  if (hint) return ['chatops: the environment is not set up:', ...problems, hint].join('\n');
  return [
    'chatops: the environment is not set up:',
    ...problems,
    'For the suite `make start` runs, use ./chatops (it reads the same settings), or set them in this shell:',
    '  eval "$(scripts/services.sh env)"',
    ...(lines.length > 0 ? ['Elsewhere, give the values the services use:', ...lines.map((l) => `  ${l}`)] : []),
  ].join('\n');
}

const UPPER_WORDS: Readonly<Record<string, string>> = { slack: 'Slack', mattermost: 'Mattermost', gitlab: 'GitLab' };
const FIELD_WORDS: Readonly<Record<string, string>> = {
  pathWithNamespace: 'path',
  tokenHash: 'token',
  gitlabProjectId: 'GitLab project id',
};

function words(identifier: string): string {
  const known = FIELD_WORDS[identifier];
  if (known) return known;
  return identifier
    .replace(/Id$/, '')
    .split(/(?=[A-Z])/)
    .map((w) => UPPER_WORDS[w.toLowerCase()] ?? w.toLowerCase())
    .join(' ');
}

/**
 * A unique-key violation (P2002) in words: which kind of thing already exists, and by which of its
 * fields, e.g. "a Mattermost connection with this name already exists". Commands that can name
 * the existing row do so themselves; this covers the rest (and races).
 */
export function describeUniqueViolation(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined;
  const meta = (error.meta ?? {}) as {
    modelName?: string;
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } };
  };
  const model = meta.modelName ?? '';
  const constraint = meta.driverAdapterError?.cause?.constraint;
  let fields: string[] = [];
  if (Array.isArray(meta.target)) fields = meta.target.map(String);
  else if (constraint?.fields) fields = constraint.fields;
  else if (constraint?.index)
    fields = constraint.index
      .replace(`${model}_`, '')
      .replace(/_p?key$/, '')
      .split('_');
  const thing = model ? words(model) : 'record';
  const by = fields.length > 0 ? ` with this ${listWords(fields.map((f) => words(f.replace(/"/g, ''))))}` : '';
  return `${/^[aeiou]/i.test(thing) ? 'an' : 'a'} ${thing}${by} already exists`;
}

function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
