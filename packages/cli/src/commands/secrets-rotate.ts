import { type ResealReport, resealColumn, sealedColumns } from '@chatops/db';
import { CommandFailed, defineCommand } from '../command';
import { CLI_ACTOR, printRows } from '../lifecycle';

const SAYS = {
  unknown_key: 'sealed with a key that is not configured',
  undecryptable: 'damaged: does not open with the key it names',
  malformed: 'not a sealed value',
} as const;

/** What `secrets:rotate` did (the `--json` output). */
export interface SecretsRotateResult {
  /** The current key's id: the one every value is now sealed under. */
  keyId: string;
  dryRun: boolean;
  resealed: number;
  current: number;
  changedMeanwhile: number;
  unreadable: number;
  columns: ResealReport[];
}

/**
 * Re-seals every sealed column under the current ENCRYPTION_KEY, so that the keys in
 * ENCRYPTION_KEYS_PREVIOUS can be removed (docs/operations.md, "Rotating the encryption key").
 */
export const secretsRotate = defineCommand({
  name: 'secrets:rotate',
  summary: 'Re-seal every stored secret under the current ENCRYPTION_KEY (after a key change); safe to rerun',
  options: {
    'dry-run': { description: 'count what would be re-sealed, change nothing', type: 'flag' },
    'batch-size': { description: 'rows read at a time (default 200)' },
  },
  check(options) {
    const size = options['batch-size'];
    return size === undefined || /^[1-9]\d{0,4}$/.test(size) ? [] : ['--batch-size must be a number from 1 to 99999'];
  },
  async run(options, { db, box, print }): Promise<SecretsRotateResult> {
    const dryRun = options['dry-run'] === true;
    const batchSize = options['batch-size'] === undefined ? undefined : Number(options['batch-size']);
    const reports: ResealReport[] = [];
    for (const column of sealedColumns())
      reports.push(await resealColumn(db, box, column, { dryRun, ...(batchSize ? { batchSize } : {}) }));

    const total = (count: (r: ResealReport) => number) => reports.reduce((sum, r) => sum + count(r), 0);
    const result: SecretsRotateResult = {
      keyId: box.keyId,
      dryRun,
      resealed: total((r) => r.resealed),
      current: total((r) => r.current),
      changedMeanwhile: total((r) => r.changedMeanwhile),
      unreadable: total((r) => r.unreadable.length),
      columns: reports,
    };
    print(`current key: ${box.keyId}${dryRun ? '  (dry run: nothing written)' : ''}`);
    printRows(
      print,
      [
        ['COLUMN', dryRun ? 'TO RE-SEAL' : 'RE-SEALED', 'ALREADY CURRENT', 'CHANGED MEANWHILE', 'UNREADABLE'],
        ...reports.map((r) =>
          [`${r.model}.${r.column}`, r.resealed, r.current, r.changedMeanwhile, r.unreadable.length].map(String),
        ),
      ],
      '',
    );
    for (const r of reports)
      for (const { id, reason } of r.unreadable) print(`unreadable: ${r.model}.${r.column} id ${id}: ${SAYS[reason]}`);

    if (!dryRun && result.resealed + result.unreadable > 0)
      await db.auditEntry.create({
        data: {
          ...CLI_ACTOR,
          action: 'secrets.rotate',
          target: box.keyId,
          details: { resealed: result.resealed, current: result.current, unreadable: result.unreadable },
        },
      });
    if (result.unreadable > 0)
      throw new CommandFailed(
        `${result.unreadable} value(s) open with no configured key: keep the old keys in ENCRYPTION_KEYS_PREVIOUS until they are found (or the rows re-entered)`,
        result,
      );
    if (result.changedMeanwhile > 0)
      print(`${result.changedMeanwhile} value(s) changed while this ran: run secrets:rotate again to check them`);
    else if (!dryRun)
      print(
        'every stored secret is sealed under the current key: once every service runs with it, remove ENCRYPTION_KEYS_PREVIOUS',
      );
    return result;
  },
});
