import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { allPending } from './pending-records';
import { TEST_NOW, TEST_PROFILE, candidate, freshDatabaseName, pastVersionDatabase } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

describe('schema version 10', () => {
  it('moves the waiting rows into groups, keeps each row as it was, and drops the old table', async () => {
    const name = freshDatabaseName('v10');
    const source = new ObservationStore(openDatabase(`${name}-source`), { cipher: testCipher(), now: () => TEST_NOW });
    const made = await source.createObservations(
      Array.from({ length: 1203 }, (_, i) => candidate({ totalPersons: i })),
      TEST_PROFILE,
    );
    const rows = made.map((record, i) => ({ recordId: record.id, changeId: `c-${String(i)}`, adoptable: i % 3 === 0 }));
    const v9 = pastVersionDatabase(name, 9);
    await v9.table('observations').bulkAdd(made);
    await v9.table('outbox').add({ entries: rows.map(({ recordId, changeId }) => ({ recordId, changeId })) });
    await v9.table('pendingRecords').bulkAdd(rows);
    v9.close();

    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => TEST_NOW });
    expect(await store.pendingCount()).toBe(1203);
    const byId = (a: { recordId: string }, b: { recordId: string }) => (a.recordId < b.recordId ? -1 : 1);
    expect(await allPending(store.db)).toEqual([...rows].sort(byId));
    // Groups of 500: three rows hold the 1,203 records.
    expect(await store.db.pendingGroups.count()).toBe(3);
    expect(store.db.tables.map((t) => t.name)).not.toContain('pendingRecords');
    // The sync port reads them: the latest change id of each, as the old table named it.
    const sent = await store.syncStore().pendingChanges(5);
    expect(sent.map((c) => c.changeId)).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
  });

  it('opens a version 9 database with nothing waiting', async () => {
    const name = freshDatabaseName('v10');
    pastVersionDatabase(name, 9).close();
    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => TEST_NOW });
    expect(await store.pendingCount()).toBe(0);
    expect(await allPending(store.db)).toEqual([]);
  });
});
