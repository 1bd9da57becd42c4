/** A statement PostgreSQL refused because of a value in it, which no retry of the same value changes. */
export interface ValueRefusal {
  /** The SQLSTATE, class 22 ("data exception"): 22P05, 22021, 22P02… */
  sqlState: string;
  /** PostgreSQL's message, with its detail when it gave one. */
  message: string;
}

/** SQLSTATE class 22: the data itself is wrong (invalid JSON text, NUL in text, an out-of-range number…). */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;

type ErrorLike = { code?: unknown; originalCode?: unknown; message?: unknown; detail?: unknown; cause?: unknown };

/**
 * Whether an error is PostgreSQL refusing a value (SQLSTATE class 22): `unsupported Unicode escape
 * sequence` (22P05, `\u0000` in jsonb), `invalid byte sequence for encoding "UTF8": 0x00` (22021,
 * NUL in text), `invalid input syntax for type json` (22P02, a lone surrogate in jsonb). Reads
 * node-postgres's `DatabaseError` (`code`) and Prisma's driver adapter error (`cause.originalCode`).
 * Such a failure is permanent: the job that wrote the value would write it again on every retry.
 */
export function valueRefusalOf(error: unknown): ValueRefusal | undefined {
  let current = error as ErrorLike | null | undefined;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const sqlState = [current.code, current.originalCode].find(
      (code): code is string => typeof code === 'string' && DATA_EXCEPTION.test(code),
    );
    if (sqlState) {
      const message = typeof current.message === 'string' ? current.message : 'value refused';
      const detail = typeof current.detail === 'string' ? ` (${current.detail})` : '';
      return { sqlState, message: `${message}${detail}` };
    }
    current = current.cause as ErrorLike | null | undefined;
  }
  return undefined;
}
