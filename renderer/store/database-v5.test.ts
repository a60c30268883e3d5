import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { TEST_NOW, TEST_PROFILE, candidate, freshDatabaseName, pastVersionDatabase } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';
import { allPending } from './pending-records';

/** A database as version 4 left it: records, an outbox of several writes, and the meta given. */
async function version4(name: string, meta: { key: string; value: unknown }[]) {
  const source = new ObservationStore(openDatabase(`${name}-source`), { cipher: testCipher(), now: () => TEST_NOW });
  const records = await source.createObservations([candidate(), candidate({ totalPersons: 3 }), candidate({ totalPersons: 4 })], TEST_PROFILE);
  const [a, b, c] = records.map((r) => r.id);
  if (!a || !b || !c) throw new Error('not created');
  const v4 = pastVersionDatabase(name, 4);
  await v4.table('observations').bulkAdd(records);
  // Three writes: a batch of a, b and c, then a edited twice.
  await v4.table('outbox').bulkAdd([
    { entries: [{ recordId: a, changeId: 'c-a1' }, { recordId: b, changeId: 'c-b1' }, { recordId: c, changeId: 'c-c1' }] },
    { entries: [{ recordId: a, changeId: 'c-a2' }] },
    { entries: [{ recordId: a, changeId: 'c-a3' }] },
  ]);
  await v4.table('meta').bulkAdd(meta);
  v4.close();
  return { a, b, c };
}

describe('schema version 5', () => {
  it('fills the waiting records from the outbox, each with its latest change id, unseen on a device never enrolled', async () => {
    const name = freshDatabaseName('v5');
    const { a, b, c } = await version4(name, []);
    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => TEST_NOW });
    expect(await store.pendingCount()).toBe(3);
    const rows = await allPending(store.db);
    expect(rows.sort((x, y) => (x.recordId < y.recordId ? -1 : 1))).toEqual(
      [
        { recordId: a, changeId: 'c-a3', adoptable: true },
        { recordId: b, changeId: 'c-b1', adoptable: true },
        { recordId: c, changeId: 'c-c1', adoptable: true },
      ].sort((x, y) => (x.recordId < y.recordId ? -1 : 1)),
    );
    // The outbox itself is as it was, and acknowledging the latest change of a empties a's part.
    expect(await store.db.outbox.count()).toBe(3);
    const port = store.syncStore();
    await port.acknowledge((await port.pendingChanges(10)).filter((ch) => ch.record.id === a));
    expect(await store.pendingCount()).toBe(2);
    expect(await store.attentionCount()).toBe(0);
    expect(await store.db.withheld.count()).toBe(0);
  });

  it('takes no waiting record as unseen on a device already enrolled', async () => {
    const name = freshDatabaseName('v5');
    await version4(name, [{ key: 'enrolment', value: { serverUrl: 'https://hq.example.org/', token: 't', deviceId: 'd', office: 'RS-BEL', enrolledAt: '2026-01-01T00:00:00.000Z' } }]);
    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => TEST_NOW });
    expect((await allPending(store.db)).map((r) => r.adoptable)).toEqual([false, false, false]);
  });
});
