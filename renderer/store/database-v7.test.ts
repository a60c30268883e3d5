import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { submittedIds } from '../review/review-queue';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { TEST_NOW, TEST_PROFILE, candidate, freshDatabaseName, pastVersionDatabase } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

describe('schema version 7', () => {
  it('drops the record indexes no query used, and keeps the records and the queries that are used', async () => {
    const name = freshDatabaseName('v7');
    const source = new ObservationStore(openDatabase(`${name}-source`), { cipher: testCipher(), now: () => TEST_NOW });
    const records = await source.createObservations([candidate(), candidate({ totalPersons: 3 })], TEST_PROFILE);
    const v6 = pastVersionDatabase(name, 6);
    await v6.table('observations').bulkAdd(records);
    v6.close();

    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => TEST_NOW });
    const indexes = store.db.observations.schema.indexes.map((index) => index.name).sort();
    expect(indexes).toEqual(['[reviewStatus+observedStart]', 'observedStart', 'office']);
    expect((await store.listObservations()).map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
    // The review queue reads [reviewStatus+observedStart] and office.
    expect((await submittedIds(store.db, { kind: 'office', office: TEST_PROFILE.office })).sort()).toEqual(records.map((r) => r.id).sort());
  });
});
