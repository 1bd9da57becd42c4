import { type GuardedDeletion } from '@chatops/db';
import { CommandFailed, UsageError } from './command';

/** Who the audit log names for what the operator CLI changes. */
export const CLI_ACTOR = { actor: 'cli' } as const;

/** A list as aligned text lines, one row each (the `--json` output is the rows themselves). */
export function printRows(print: (line: string) => void, rows: string[][], empty: string): void {
  if (rows.length === 0) return print(empty);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows)
    print(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

/** The outcome of deleting what integrations may use, said the way an operator can act on it. */
export function deletionOutcome<T>(what: string, id: string, outcome: GuardedDeletion<T>): T {
  if (outcome.kind === 'missing') throw new UsageError(`no ${what} ${id}`);
  if (outcome.kind === 'referenced')
    throw new CommandFailed(
      `${what} ${id} is used by ${outcome.integrations.map((i) => `${i.projectPath}/${i.name}`).join(', ')}: delete or move those integrations first`,
      outcome,
    );
  return outcome.deleted;
}

/** `yes` to go on; anything else stops a deletion that cannot be undone. */
export function requireConfirmation(confirmed: boolean | undefined, what: string): void {
  if (!confirmed) throw new UsageError(`deleting ${what} cannot be undone: add --yes to go on`);
}
