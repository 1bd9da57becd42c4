import { UsageError } from './command';

/** `--limit` (1–200, default 50) and `--cursor` of a listing. */
export function pageOptions(options: { limit?: string; cursor?: string }): { limit: number; cursor?: string } {
  const limit = Number(options.limit ?? '50');
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new UsageError('--limit must be a whole number from 1 to 200');
  return { limit, ...(options.cursor ? { cursor: options.cursor } : {}) };
}

/**
 * The command line that lists the next page: the command with the filters it was given (quoted
 * for a shell when they need it) and the cursor.
 */
export function nextPageCommand(
  command: string,
  options: Readonly<Record<string, string | boolean | undefined>>,
  filters: readonly string[],
  cursor: string,
): string {
  const quoted = (value: string) => (/^[\w.:@/+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  const given = filters.flatMap((name) => {
    const value = options[name];
    return typeof value === 'string' && value !== '' ? [`--${name} ${quoted(value)}`] : [];
  });
  return ['chatops', command, ...given, '--cursor', cursor].join(' ');
}
