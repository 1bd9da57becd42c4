import { type Db } from '../client';
import { Prisma } from '../generated/prisma/client';
import { type SecretBox, SecretBoxError, type SecretBoxFailure } from '../secret-box';

/** A column holding values sealed by SecretBox. */
export interface SealedColumn {
  model: Prisma.ModelName;
  column: string;
}

/**
 * Every sealed column of the schema, found by the schema's naming rule (a sealed column's name
 * ends in `Sealed`, see prisma/schema.prisma), so a column added later is re-sealed too.
 */
export function sealedColumns(): SealedColumn[] {
  const enums = Prisma as unknown as Record<string, Record<string, string> | undefined>;
  return Object.values(Prisma.ModelName).flatMap((model) =>
    Object.keys(enums[`${model}ScalarFieldEnum`] ?? {})
      .filter((column) => column.endsWith('Sealed'))
      .map((column) => ({ model, column })),
  );
}

/** What re-sealing one column did. */
export interface ResealReport extends SealedColumn {
  /** Values re-sealed under the current key (or, in a dry run, that would be). */
  resealed: number;
  /** Values already sealed under the current key, left as they were. */
  current: number;
  /** Values written by someone else between our read and our write: left, a rerun checks them. */
  changedMeanwhile: number;
  /** Values no configured key opens (or that are damaged): left as they are, by row id. */
  unreadable: Array<{ id: string; reason: SecretBoxFailure }>;
}

/** The two calls re-sealing needs, common to every model's Prisma delegate. */
interface RowDelegate {
  findMany(args: {
    where: Record<string, unknown>;
    select: Record<string, true>;
    orderBy: { id: 'asc' };
    take: number;
  }): Promise<Array<Record<string, unknown>>>;
  updateMany(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<{ count: number }>;
}

function delegateOf(db: Db, model: string): RowDelegate {
  const delegate = (db as unknown as Record<string, RowDelegate | undefined>)[
    `${model.charAt(0).toLowerCase()}${model.slice(1)}`
  ];
  if (!delegate) throw new Error(`no Prisma delegate for ${model}`);
  return delegate;
}

/**
 * Re-seals every value of one column under the box's current key, `batchSize` rows at a time in
 * id order. Idempotent: values already current are left alone. Each write is a compare-and-set on
 * the value read, so a token a service refreshes meanwhile is never overwritten with an old one.
 * A value no configured key opens is reported and left as it is, never destroyed.
 */
export async function resealColumn(
  db: Db,
  box: SecretBox,
  { model, column }: SealedColumn,
  options: { batchSize?: number; dryRun?: boolean } = {},
): Promise<ResealReport> {
  const delegate = delegateOf(db, model);
  const batchSize = options.batchSize ?? 200;
  const report: ResealReport = { model, column, resealed: 0, current: 0, changedMeanwhile: 0, unreadable: [] };
  let after: string | undefined;
  for (;;) {
    const rows = await delegate.findMany({
      where: after === undefined ? {} : { id: { gt: after } },
      select: { id: true, [column]: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    for (const row of rows) {
      const id = String(row['id']);
      const sealed = row[column];
      if (typeof sealed !== 'string') continue;
      let resealed: string;
      try {
        resealed = box.reseal(sealed);
      } catch (error) {
        if (!(error instanceof SecretBoxError)) throw error;
        report.unreadable.push({ id, reason: error.reason });
        continue;
      }
      if (resealed === sealed) report.current += 1;
      else if (options.dryRun) report.resealed += 1;
      else {
        const { count } = await delegate.updateMany({ where: { id, [column]: sealed }, data: { [column]: resealed } });
        if (count === 1) report.resealed += 1;
        else report.changedMeanwhile += 1;
      }
    }
    if (rows.length < batchSize) return report;
    after = String(rows[rows.length - 1]?.['id']);
  }
}
