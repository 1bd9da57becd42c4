import { type Pool } from 'pg';

/** Pools whose statements all go unnamed (`createDatabase(…, { preparedStatements: false })`). */
const unnamedOnly = new WeakSet<Pool>();

/** From now on every statement `statementName` names for `pool` goes unnamed. */
export function sendStatementsUnnamed(pool: Pool): void {
  unnamedOnly.add(pool);
}

/**
 * The name under which `pool`'s connections prepare a statement once and then only bind values,
 * or none (the statement is parsed and planned each time) for a pool behind a transaction-mode
 * pooler that does not track prepared statements: there the next transaction may run on a server
 * connection where the name is missing, or already taken by another client (docs/scale-out.md).
 */
export function statementName(pool: Pool, name: string): string | undefined {
  return unnamedOnly.has(pool) ? undefined : name;
}
