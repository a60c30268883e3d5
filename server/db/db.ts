/**
 * The database port. Route handlers and repositories see only this interface, so the
 * same SQL runs on PGlite (embedded, the default) and on PostgreSQL 15 (`DATABASE_URL`).
 */

/** A row as the drivers return it: column name to parsed value. */
export type Row = Record<string, unknown>;

/** Something SQL can be run on: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1`-style parameters; resolves to its rows (empty for DDL/DML without RETURNING). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migration scripts). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** `'pglite'` or `'postgres'`, for start-up messages and tests. */
  readonly kind: 'pglite' | 'postgres';
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Use only the `tx` it receives inside `fn`: PGlite has a single connection, and a
   * query on the outer handle would wait for the transaction to end.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
