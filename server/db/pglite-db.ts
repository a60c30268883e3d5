import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db';

function wrap(handle: PGlite | Transaction): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await handle.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await handle.exec(sql);
    },
  };
}

/**
 * Open an embedded PGlite database: persisted in `dataDir`, or in memory when it is
 * undefined (tests). One process at a time may open a data folder (see data-dir-lock.ts).
 */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  const pglite = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pglite.waitReady;
  return {
    kind: 'pglite',
    ...wrap(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}
