import { join, resolve } from 'node:path';
import type { Db } from './db';
import { lockDataDir } from './data-dir-lock';
import { openPgliteDb } from './pglite-db';
import { openPostgresDb } from './postgres-db';

export interface DbLocation {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** A database opened for a command, with a one-line description for the operator. */
export interface OpenedDb {
  db: Db;
  description: string;
}

/**
 * Open the database the configuration names: PostgreSQL when a URL is given, else
 * PGlite persisted in `<dataDir>/pglite` (the data folder is locked to this process until `db.close()`).
 */
export async function openConfiguredDb(location: DbLocation): Promise<OpenedDb> {
  if (location.databaseUrl !== undefined && location.databaseUrl !== '') {
    const db = await openPostgresDb({
      connectionString: location.databaseUrl,
      onIdleError: (error) => {
        process.stderr.write(`PostgreSQL connection error: ${error.message}\n`);
      },
    });
    return { db, description: 'PostgreSQL (DATABASE_URL)' };
  }
  const dataDir = resolve(location.dataDir);
  const release = lockDataDir(dataDir);
  try {
    // PGlite owns a subfolder: the data folder also holds the lock and the admin token.
    const db = await openPgliteDb(join(dataDir, 'pglite'));
    return {
      db: {
        ...db,
        close: async () => {
          try {
            await db.close();
          } finally {
            release();
          }
        },
      },
      description: `PGlite in ${dataDir}`,
    };
  } catch (error) {
    release();
    throw error;
  }
}
