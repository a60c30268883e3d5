import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { emptyRow } from './day-index';
import { ObservationStore } from './observation-store';
import { TEST_NOW, TEST_PROFILE, candidate, freshDatabaseName, pastVersionDatabase } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

describe('schema version 11', () => {
  it('gives every day of the index a version, and a write of a record of the day a new one', async () => {
    const name = freshDatabaseName('v11');
    const v10 = pastVersionDatabase(name, 10);
    await v10.table('dayIndex').bulkPut([emptyRow('2026-03-09'), emptyRow('2026-03-10')]);
    v10.close();
    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => TEST_NOW });
    const versions = await store.db.dayVersions.toArray();
    expect(versions.map((v) => v.day)).toEqual(['2026-03-09', '2026-03-10']);
    expect(new Set(versions.map((v) => v.version)).size).toBe(2);
    expect(await store.db.reportMonths.count()).toBe(0);

    const [record] = await store.createObservations([candidate({ observedStart: '2026-03-10T08:00:00.000Z' })], TEST_PROFILE);
    const after = await store.db.dayVersions.toArray();
    expect(after.find((v) => v.day === '2026-03-09')?.version).toBe(versions[0]?.version);
    expect(after.find((v) => v.day === '2026-03-10')?.version).not.toBe(versions[1]?.version);
    // A day emptied of live records leaves the index and its version with it.
    await store.deleteObservation(record?.id ?? '', 'Ana');
    expect((await store.db.dayVersions.toArray()).map((v) => v.day)).toEqual(['2026-03-09']);
  });
});
