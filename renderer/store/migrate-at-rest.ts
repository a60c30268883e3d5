/**
 * Encrypting in place a store written before encryption at rest (sealed-rows.ts says
 * what is sealed). It needs the data key, so it cannot be a Dexie upgrade (those run when
 * the database opens, before any unlock); it runs after the unlock, in batches:
 *
 * 1. read a batch of rows after the table's cursor, outside any transaction;
 * 2. seal the plain ones (crypto.subtle cannot run inside a transaction);
 * 3. in one transaction, read those rows again, and write the sealed rows and the new
 *    cursor only if every row is still as read; if one changed meanwhile (the app wrote
 *    it, sealed), the batch is read again.
 *
 * The cursor moves in the transaction that seals its rows, so closing the tab anywhere
 * loses nothing and seals nothing twice: the next start resumes after the last batch
 * written. A row written since the migration began is sealed already (every write of
 * the store seals) and is passed over. `done` ends it for good.
 */
import type { Table } from 'dexie';
import type { RecordCipher } from '../crypto/record-cipher';
import type { RoutewatchDatabase } from './database';
import type { AtRestMigration } from './meta-keys';
import { retryStale, sameRows, StaleReadError } from './same-rows';
import { SENSITIVE_TOP_FIELDS, sealAttention, sealDraft, sealEnrolment, sealRecord, sealRevision } from './sealed-rows';
import type { StoredEnrolment } from './sealed-rows';
import { sealIssuedReport } from './issued-report-store';

/** Rows read and sealed per transaction: large enough to be quick, small enough that a cut loses little work. */
export const MIGRATION_BATCH = 500;

type TableName = keyof AtRestMigration['cursors'];
const ORDER: readonly TableName[] = ['observations', 'revisions', 'attention', 'drafts'];

export interface MigrationProgress {
  table: TableName;
  /** Rows sealed by this run so far, all tables together. */
  sealed: number;
}

export interface MigrationOptions {
  batch?: number;
  /** Told after each batch is written (the screens may say how far it got). */
  onProgress?: (progress: MigrationProgress) => void;
}

/** Whether a row needs sealing: it has no envelope and holds something sealed at rest. */
function isPlain(table: TableName, row: Record<string, unknown>): boolean {
  if (row.sealed !== undefined) return false;
  if (table === 'revisions') return Array.isArray(row.changes) && (row.changes as { field?: unknown }[]).some((c) => typeof c.field === 'string' && SENSITIVE_TOP_FIELDS.has(c.field));
  return true;
}

function sealRow(table: TableName, row: never, cipher: RecordCipher): Promise<unknown> {
  switch (table) {
    case 'observations':
      return sealRecord(row, cipher);
    case 'revisions':
      return sealRevision(row, cipher);
    case 'attention':
      return sealAttention(row, cipher);
    case 'drafts':
      return sealDraft(row, cipher);
  }
}

async function state(db: RoutewatchDatabase): Promise<AtRestMigration> {
  return ((await db.meta.get('atRestMigration'))?.value as AtRestMigration | undefined) ?? { cursors: {}, done: false };
}

/** Seal the enrolment's token if it is still in the clear. */
async function migrateEnrolment(db: RoutewatchDatabase, cipher: RecordCipher): Promise<void> {
  await retryStale(async () => {
    const stored = (await db.meta.get('enrolment'))?.value as StoredEnrolment | undefined;
    if (stored === undefined || stored.tokenSealed !== undefined) return;
    const sealed = await sealEnrolment({ ...stored, token: stored.token ?? '' }, cipher);
    await db.transaction('rw', db.meta, async () => {
      if (!sameRows([(await db.meta.get('enrolment'))?.value], [stored])) throw new StaleReadError();
      await db.meta.put({ key: 'enrolment', value: sealed });
    });
  });
}

/**
 * Seal the issued reports written in the clear: each document with its highlights, which
 * leave the report's row (issued-report-store.ts). One report per transaction: a
 * document can be megabytes. Checked as the other tables are: written only over the
 * rows as read.
 */
async function migrateIssuedReports(db: RoutewatchDatabase, cipher: RecordCipher): Promise<number> {
  if ((await state(db)).reportsDone === true) return 0;
  let sealed = 0;
  for (const id of await db.issuedReportDocuments.toCollection().primaryKeys()) {
    sealed += await retryStale(async () => {
      const [stored, row] = await Promise.all([db.issuedReportDocuments.get(id), db.issuedReports.get(id)]);
      if (stored === undefined || stored.sealed !== undefined || stored.document === undefined) return 0;
      const sealedRow = await sealIssuedReport(id, row?.highlights ?? [], stored.document, cipher);
      await db.transaction('rw', [db.issuedReportDocuments, db.issuedReports], async () => {
        const [storedNow, rowNow] = await Promise.all([db.issuedReportDocuments.get(id), db.issuedReports.get(id)]);
        if (!sameRows([storedNow, rowNow], [stored, row])) throw new StaleReadError();
        await db.issuedReportDocuments.put(sealedRow);
        if (row?.highlights !== undefined) {
          const { highlights: _sealedNow, ...clear } = row;
          await db.issuedReports.put(clear);
        }
      });
      return 1;
    });
  }
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: 'atRestMigration', value: { ...(await state(db)), reportsDone: true } });
  });
  return sealed;
}

/**
 * Seal every plain row of the store. Resumable: call it after every unlock; it returns
 * at once when an earlier run finished. Returns how many rows this run sealed.
 */
export async function migrateAtRest(db: RoutewatchDatabase, cipher: RecordCipher, options: MigrationOptions = {}): Promise<number> {
  // Before the check of `done`: a store sealed by an earlier release still has its issued reports in the clear.
  let sealed = await migrateIssuedReports(db, cipher);
  if ((await state(db)).done) return sealed;
  const batch = options.batch ?? MIGRATION_BATCH;
  await migrateEnrolment(db, cipher);
  for (const name of ORDER) {
    const table: Table<Record<string, unknown>, string | number> = db.table(name);
    for (;;) {
      const progress = await retryStale(async () => {
        const cursor = (await state(db)).cursors[name];
        const collection = cursor === undefined ? table.orderBy(':id') : table.where(':id').above(cursor);
        const [keys, rows] = await Promise.all([collection.clone().limit(batch).primaryKeys(), collection.clone().limit(batch).toArray()]);
        const last = keys[keys.length - 1];
        if (last === undefined) return null;
        const plainKeys = keys.filter((_, i) => isPlain(name, rows[i] ?? {}));
        const plainRows = rows.filter((row) => isPlain(name, row));
        const sealedRows = (await Promise.all(plainRows.map((row) => sealRow(name, row as never, cipher)))) as Record<string, unknown>[];
        await db.transaction('rw', [table, db.meta], async () => {
          // Sealed from the rows as read: written only over those very rows.
          if (!sameRows(await table.bulkGet(plainKeys), plainRows)) throw new StaleReadError();
          const now = await state(db);
          await Promise.all([table.bulkPut(sealedRows), db.meta.put({ key: 'atRestMigration', value: { ...now, cursors: { ...now.cursors, [name]: last } } })]);
        });
        return plainRows.length;
      });
      if (progress === null) break;
      sealed += progress;
      options.onProgress?.({ table: name, sealed });
    }
  }
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: 'atRestMigration', value: { ...(await state(db)), done: true } });
  });
  return sealed;
}
