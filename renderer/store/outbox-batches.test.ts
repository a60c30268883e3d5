import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TEST_PROFILE, candidate, freshStore } from '../../test-support/renderer/store-test-fixtures';
import { pendingOf } from './pending-records';

describe('a push batch', () => {
  it('sends a record listed again after the batch closed once, with its latest change id, and the answer releases it whole', async () => {
    const store = freshStore();
    const made = await store.createObservations([candidate(), candidate(), candidate()], TEST_PROFILE);
    const [a, b, c] = made;
    if (!a || !b || !c) throw new Error('not created');
    // A later write lists `a` again, after the rows a batch of two records reads.
    await store.updateObservation(a.id, candidate({ totalPersons: 33 }), 'Ana');
    const latest = (await pendingOf(store.db, [a.id])).get(a.id)?.changeId;

    const port = store.syncStore();
    const first = await port.pendingChanges(2);
    expect(first.map((change) => change.record.id)).toEqual([a.id, b.id]);
    expect(first[0]?.changeId).toBe(latest);
    expect(first[0]?.record.totalPersons).toBe(33);
    await port.acknowledge(first);

    const second = await port.pendingChanges(2);
    expect(second.map((change) => change.record.id)).toEqual([c.id]);
    await port.acknowledge(second);
    expect(await port.pendingChanges(10)).toEqual([]);
    expect(await store.db.outbox.count()).toBe(0);
    expect(await store.pendingCount()).toBe(0);
  });

  it('leaves an edit made while the batch was in flight queued under its own change id', async () => {
    const store = freshStore();
    const [a] = await store.createObservations([candidate()], TEST_PROFILE);
    if (!a) throw new Error('not created');
    const port = store.syncStore();
    const sent = await port.pendingChanges(10);
    await store.updateObservation(a.id, candidate({ totalPersons: 44 }), 'Ana');
    await port.acknowledge(sent);
    const left = await port.pendingChanges(10);
    expect(left).toHaveLength(1);
    expect(left[0]?.changeId).not.toBe(sent[0]?.changeId);
    expect(left[0]?.record.totalPersons).toBe(44);
  });
});
