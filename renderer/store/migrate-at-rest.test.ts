import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countCanaries } from '../../test-support/renderer/canary-scan';
import { freshTestCipher } from '../../test-support/renderer/test-cipher';
import { openDatabase } from './database';
import type { RoutewatchDatabase } from './database';
import { DraftStore } from './draft-store';
import { migrateAtRest } from './migrate-at-rest';
import { ObservationStore } from './observation-store';
import { openAttention, openRecords, openRevisions } from './sealed-rows';
import type { StoredEnrolment } from './sealed-rows';
import { candidate, freshDatabaseName, TEST_NOW, TEST_PROFILE } from '../../test-support/renderer/store-test-fixtures';

const RECORDS = 23;
const CANARIES = ['CANARY', 'iom_forced_work'];

/**
 * A store as the app wrote it before encryption at rest: made through today's store,
 * then every row put back decrypted, in the plain layout the old store wrote.
 */
async function plainStore(): Promise<{ db: RoutewatchDatabase; store: ObservationStore; ids: string[] }> {
  const cipher = freshTestCipher();
  const db = openDatabase(freshDatabaseName('migrate'));
  const store = new ObservationStore(db, { cipher, now: () => TEST_NOW });
  const inputs = Array.from({ length: RECORDS }, (_, i) =>
    candidate({ notes: `CANARY-notes-${String(i)}`, source: { type: 'authorities', name: `CANARY-src-${String(i)}`, reliability: null, credibility: null }, traffickingIndicators: ['iom_forced_work'], totalPersons: i + 1 }),
  );
  const records = await store.createObservations(inputs, TEST_PROFILE);
  for (const record of records.slice(0, 5)) await store.updateObservation(record.id, candidate({ notes: `CANARY-edited-${record.id}`, totalPersons: 99 }), 'Ana');
  const drafts = new DraftStore(db, cipher, () => TEST_NOW);
  await drafts.save('draft-1', null, { notes: 'CANARY-draft' });
  await store.setMeta('enrolment', { serverUrl: 'https://sync.example', token: 'CANARY-token', deviceId: 'dev-1', office: 'RS-BEL', enrolledAt: '2026-03-10T12:00:00.000Z' });
  const sync = store.syncStore();
  await sync.setAside((await sync.pendingChanges(2)).map((change) => ({ change, code: 'forbidden' as const, message: 'refused' })));
  // Back to plain rows.
  const strip = <T extends object>(row: T): T => {
    const { sealed: _s, ...rest } = row as T & { sealed?: unknown };
    return rest as T;
  };
  await db.observations.bulkPut((await openRecords(await db.observations.toArray(), cipher)).map(strip));
  await db.revisions.bulkPut((await openRevisions(await db.revisions.toArray(), cipher)).map(strip));
  await db.attention.bulkPut(await Promise.all((await db.attention.toArray()).map(async (row) => strip(await openAttention(row, cipher)))));
  const draft = await drafts.get('draft-1');
  if (draft) await db.drafts.put(draft);
  const enrolment = await store.getMeta('enrolment');
  if (enrolment) await db.meta.put({ key: 'enrolment', value: enrolment });
  expect(countCanaries(await everyRow(db), CANARIES)).toBeGreaterThan(RECORDS * 3);
  return { db, store, ids: records.map((r) => r.id) };
}

async function everyRow(db: RoutewatchDatabase): Promise<unknown[]> {
  const rows: unknown[][] = await Promise.all(db.tables.map((table) => table.toArray()));
  return rows.flat();
}

/** What the store reads: every record, its history, the refused changes, the token. */
async function readable(store: ObservationStore, ids: readonly string[]): Promise<unknown> {
  return {
    records: await store.getObservations(ids),
    history: await Promise.all(ids.map((id) => store.revisionsOf(id))),
    attention: await store.attentionItems(),
    token: (await store.getMeta('enrolment'))?.token,
  };
}

describe('encrypting a plain store in place', () => {
  it('seals every plain row, in batches, and the store reads the same as before', async () => {
    const { db, store, ids } = await plainStore();
    const before = await readable(store, ids);
    const batches: number[] = [];
    const sealed = await migrateAtRest(db, store.cipher, { batch: 4, onProgress: ({ sealed: n }) => batches.push(n) });
    expect(sealed).toBe(RECORDS + 5 + 2 + 1);
    expect(batches.length).toBeGreaterThan(6);
    const found = countCanaries(await everyRow(db), CANARIES);
    console.log(`migration: ${String(sealed)} rows sealed in ${String(batches.length)} batches, canaries left ${String(found)}`);
    expect(found).toBe(0);
    expect(((await db.meta.get('enrolment'))?.value as StoredEnrolment).tokenSealed).toBeInstanceOf(Uint8Array);
    expect(await readable(store, ids)).toEqual(before);
    // Done: the next start reads one row and returns.
    expect(await migrateAtRest(db, store.cipher)).toBe(0);
  });

  it('resumes after the tab is closed in the middle: nothing lost, nothing sealed twice', async () => {
    const { db, store, ids } = await plainStore();
    const before = await readable(store, ids);
    const closed = new Error('tab closed');
    let batches = 0;
    await expect(
      migrateAtRest(db, store.cipher, {
        batch: 4,
        onProgress: () => {
          batches += 1;
          if (batches === 3) throw closed;
        },
      }),
    ).rejects.toBe(closed);
    // Three batches of four records are sealed, and the cursor says so.
    const halfway = (await db.meta.get('atRestMigration'))?.value as { cursors: Record<string, unknown>; done: boolean };
    expect(halfway.done).toBe(false);
    const rows = await db.observations.orderBy(':id').toArray();
    expect(rows.filter((row) => row.sealed !== undefined).length).toBe(12);
    expect(halfway.cursors.observations).toBe(rows[11]?.id);
    db.close();

    // The next start: a new connection, as after reopening the app.
    const reopened = openDatabase(db.name);
    const store2 = new ObservationStore(reopened, { cipher: store.cipher, now: () => TEST_NOW });
    const rest = await migrateAtRest(reopened, store2.cipher, { batch: 4 });
    // The token was sealed before the first batch: the records left, the revisions, the refused changes, the draft.
    expect(rest).toBe(RECORDS - 12 + 5 + 2 + 1);
    expect(countCanaries(await everyRow(reopened), CANARIES)).toBe(0);
    expect(await readable(store2, ids)).toEqual(before);
  });

  it('never writes over a row the app changed while the batch was being sealed', async () => {
    const { db, store, ids } = await plainStore();
    const target = ids[0] ?? '';
    let edited = false;
    // The app edits a record between the migration's read of it and its write.
    const migrationCipher = {
      open: (envelope: Uint8Array, place: string) => store.cipher.open(envelope, place),
      seal: async (value: unknown, place: string) => {
        if (!edited && place.includes(target)) {
          edited = true;
          await store.updateObservation(target, candidate({ notes: 'CANARY-while-migrating', totalPersons: 7 }), 'Ana');
        }
        return store.cipher.seal(value, place);
      },
    };
    await migrateAtRest(db, migrationCipher, { batch: 50 });
    expect(edited).toBe(true);
    expect((await store.getObservation(target))?.notes).toBe('CANARY-while-migrating');
    expect(countCanaries(await everyRow(db), CANARIES)).toBe(0);
  });
});
