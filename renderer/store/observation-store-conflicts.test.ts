import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PulledChange, PullResponse, SyncChange } from '../../shared/sync/protocol';
import { runSyncRound } from '../../shared/sync/sync-engine';
import type { SyncTransport } from '../../shared/sync/sync-engine';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { TEST_PROFILE, candidate, freshDatabaseName, pastVersionDatabase } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');

function device(now: () => number): ObservationStore {
  return new ObservationStore(openDatabase(freshDatabaseName('conflicts')), { cipher: testCipher(), now: now });
}

/**
 * A relay with the protocol's semantics for revisions: change ids stored once, a device
 * never sent its own changes back, each pushed revision handed to the others with the
 * change it came with, named after the pusher (as the server names the token's user).
 * It finds no conflicts itself: what these tests see, the devices found.
 */
function relay(): { transportFor(origin: string, user: string): SyncTransport; pushes: SyncChange[] } {
  const log: { origin: string; change: PulledChange }[] = [];
  const seen = new Set<string>();
  const pushes: SyncChange[] = [];
  return {
    pushes,
    transportFor: (origin, user) => ({
      push(request) {
        for (const change of request.changes) {
          pushes.push(change);
          if (seen.has(change.changeId)) continue;
          seen.add(change.changeId);
          const revisions = (change.revisions ?? []).map((r) => ({ ...r, recordId: change.record.id, by: user }));
          log.push({ origin, change: { changeId: change.changeId, record: change.record, revisions } });
        }
        return Promise.resolve({ results: request.changes.map((c) => ({ changeId: c.changeId, outcome: 'accepted' as const })), serverTime: new Date(NOW).toISOString() });
      },
      pull(after): Promise<PullResponse> {
        const from = after === null ? 0 : Number(after);
        const changes = log.slice(from).filter((row) => row.origin !== origin).map((row) => row.change);
        return Promise.resolve({ changes, cursor: String(log.length), hasMore: false, serverTime: new Date(NOW).toISOString() });
      },
    }),
  };
}

async function twoDevicesWithOneRecord() {
  const server = relay();
  const a = device(() => NOW);
  const b = device(() => NOW + 5000);
  const [created] = await a.createObservations([candidate()], TEST_PROFILE);
  if (!created) throw new Error('not created');
  const syncA = () => runSyncRound(a.syncStore(), server.transportFor('a', 'Ana'));
  const syncB = () => runSyncRound(b.syncStore(), server.transportFor('b', 'Boris'));
  await syncA();
  await syncB();
  /** A's edit, then B's, each made before it pulls the other's; then A, B and A sync. */
  const editBothThenSync = async (onA: () => Promise<unknown>, onB: () => Promise<unknown>) => {
    await onA();
    await onB();
    await syncA();
    await syncB();
    await syncA();
  };
  /** Both devices change the summary offline (B's later, so B's is kept): one conflict. */
  const summaryEditedOnBoth = () =>
    editBothThenSync(
      () => a.updateObservation(created.id, candidate({ summary: 'from A' }), 'Ana'),
      () => b.updateObservation(created.id, candidate({ summary: 'from B, later' }), 'Boris'),
    );
  return { server, a, b, created, syncA, syncB, editBothThenSync, summaryEditedOnBoth };
}

describe('conflicts on the device', () => {
  it('two offline edits of one field: both devices keep the dropped value as one conflict revision with the same id, and flag the record', async () => {
    const { a, b, created, summaryEditedOnBoth } = await twoDevicesWithOneRecord();
    await summaryEditedOnBoth();

    const onA = await a.openConflictsOf(created.id);
    const onB = await b.openConflictsOf(created.id);
    expect(onA).toHaveLength(1);
    expect(onB.map((r) => r.id)).toEqual(onA.map((r) => r.id));
    expect(onA[0]?.changes).toContainEqual({ field: 'summary', before: 'from A', after: 'from B, later' });
    expect(onA[0]?.conflict?.kind).toBe('edit');
    expect((await a.conflictedRecords()).map((c) => c.record.id)).toEqual([created.id]);
    expect(await b.conflictCount()).toBe(1);
    // A conflict met here goes with the record's next push (the server dedupes it by id).
    expect((await a.revisionsOf(created.id)).filter((r) => r.action === 'conflict')).toHaveLength(1);
  });

  it('edits of different units are no conflict', async () => {
    const { a, b, created, editBothThenSync } = await twoDevicesWithOneRecord();
    await editBothThenSync(
      () => a.updateObservation(created.id, candidate({ summary: 'from A' }), 'Ana'),
      () => b.updateObservation(created.id, candidate({ totalPersons: 30 }), 'Boris'),
    );
    expect(await a.conflictCount()).toBe(0);
    expect(await b.conflictCount()).toBe(0);
  });

  it('an edit made over the other (sequential) is no conflict', async () => {
    const { a, b, created, syncA, syncB } = await twoDevicesWithOneRecord();
    await a.updateObservation(created.id, candidate({ summary: 'from A' }), 'Ana');
    await syncA();
    await syncB();
    await b.updateObservation(created.id, candidate({ summary: 'B corrects A' }), 'Boris');
    await syncB();
    await syncA();
    expect(await a.conflictCount()).toBe(0);
    expect(await b.conflictCount()).toBe(0);
  });

  it('history syncs: revisions go with the push once, marked sent on acknowledgement, and fill in the other device', async () => {
    const { server, a, b, created, syncA, syncB } = await twoDevicesWithOneRecord();
    await a.updateObservation(created.id, candidate({ summary: 'first' }), 'Ana');
    await a.updateObservation(created.id, candidate({ summary: 'second' }), 'Ana');
    const [waiting] = await a.syncStore().pendingChanges(10);
    expect(waiting?.revisions?.map((r) => r.changes.find((c) => c.field === 'summary')?.after)).toEqual(['first', 'second']);
    await syncA();
    expect((await a.revisionsOf(created.id)).filter((r) => r.unsent === 1)).toEqual([]);
    await syncB();
    const onB = (await b.revisionsOf(created.id)).filter((r) => r.action === 'edit');
    expect(onB.map((r) => [r.by, r.changes.find((c) => c.field === 'summary')?.after])).toEqual([
      ['Ana', 'first'],
      ['Ana', 'second'],
    ]);
    // Pulled again (a lost cursor), nothing is stored twice.
    await b.setMeta('sync', { cursor: null, lastSyncAt: null });
    await syncB();
    expect((await b.revisionsOf(created.id)).filter((r) => r.action === 'edit')).toHaveLength(2);
    // Each revision went with one accepted push only.
    const sent = server.pushes.flatMap((c) => c.revisions ?? []).map((r) => r.id);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it('a pick keeps the chosen value as an ordinary edit with a resolve revision; the flag clears on both devices once synced', async () => {
    const { a, b, created, syncA, syncB, summaryEditedOnBoth } = await twoDevicesWithOneRecord();
    await summaryEditedOnBoth();
    const [conflict] = await b.openConflictsOf(created.id);
    if (conflict?.id === undefined) throw new Error('no conflict');

    const changed = await b.resolveConflicts(created.id, [conflict.id], { fields: ['summary', 'summaryLanguage'], values: { summary: 'from A' } }, 'Boris');
    expect(changed).toEqual(['summary']);
    expect(await b.conflictCount()).toBe(0);
    expect(await a.conflictCount()).toBe(1);
    const [pushed] = await b.syncStore().pendingChanges(10);
    expect(pushed?.revisions?.map((r) => r.action)).toEqual(['conflict', 'edit', 'resolve']);
    expect(pushed?.revisions?.[0]?.id).toBe(conflict.id);
    expect(pushed?.revisions?.[2]?.resolves).toEqual([conflict.id]);

    await syncB();
    await syncA();
    expect(await a.conflictCount()).toBe(0);
    expect((await a.getObservation(created.id))?.summary).toBe('from A');
    expect((await b.getObservation(created.id))?.summary).toBe('from A');
  });

  it('keeping the merged value answers the conflict without changing the record, and still syncs', async () => {
    const { a, b, created, syncA, syncB, summaryEditedOnBoth } = await twoDevicesWithOneRecord();
    await summaryEditedOnBoth();
    const [conflict] = await a.openConflictsOf(created.id);
    if (conflict?.id === undefined) throw new Error('no conflict');
    const before = await a.getObservation(created.id);
    expect(await a.resolveConflicts(created.id, [conflict.id], null, 'Ana')).toEqual([]);
    expect(await a.getObservation(created.id)).toEqual(before);
    expect(await a.pendingCount()).toBe(1);
    await syncA();
    await syncB();
    expect(await b.conflictCount()).toBe(0);
  });

  it('an answer pulled for another record answers nothing here', async () => {
    const { a, b, created, syncA, syncB } = await twoDevicesWithOneRecord();
    await a.updateObservation(created.id, candidate({ summary: 'from A' }), 'Ana');
    await b.updateObservation(created.id, candidate({ summary: 'from B, later' }), 'Boris');
    await syncA();
    await syncB();
    const [conflict] = await b.openConflictsOf(created.id);
    if (conflict?.id === undefined) throw new Error('no conflict');
    const [other] = await a.createObservations([candidate({ summary: 'another record' })], TEST_PROFILE);
    if (!other) throw new Error('not created');
    const forged = { id: '01900000-0000-7000-8000-0000000000f1', recordId: other.id, by: 'Mallory', at: new Date(NOW).toISOString(), hlc: other.hlc, action: 'resolve' as const, changes: [], resolves: [conflict.id] };
    await b.syncStore().applyPulled([{ changeId: '01900000-0000-7000-8000-0000000000f2', record: other, revisions: [forged] }], '99', { confirmMassChange: false });
    expect((await b.conflictedRecords()).map((c) => c.record.id)).toEqual([created.id]);
    expect(await b.openConflictsOf(created.id)).toHaveLength(1);
  });

  it('a delete that never saw an edit is a conflict on both devices; the edit stays in the tombstone', async () => {
    const { a, b, created, editBothThenSync } = await twoDevicesWithOneRecord();
    await editBothThenSync(
      () => a.deleteObservation(created.id, 'Ana'),
      () => b.updateObservation(created.id, candidate({ summary: 'B edits' }), 'Boris'),
    );
    for (const store of [a, b]) {
      const [conflict, ...more] = await store.openConflictsOf(created.id);
      expect(more).toEqual([]);
      expect(conflict?.conflict?.kind).toBe('delete');
      expect(conflict?.changes).toContainEqual({ field: 'summary', before: 'B edits', after: 'B edits' });
      expect(await store.getObservation(created.id)).toMatchObject({ deleted: true, summary: 'B edits' });
    }
  });
});

describe('schema version 6', () => {
  it('gives every revision an id and marks unsent those of records still waiting', async () => {
    const name = freshDatabaseName('v6');
    const v5 = pastVersionDatabase(name, 5);
    const revision = { at: new Date(NOW).toISOString(), by: 'Ana', hlc: '000001773144000000-000000-dev', action: 'edit', changes: [{ field: 'summary', before: 'a', after: 'b' }] };
    await v5.table('revisions').bulkAdd([
      { ...revision, recordId: 'waiting' },
      { ...revision, recordId: 'sent' },
    ]);
    await v5.table('pendingRecords').add({ recordId: 'waiting', changeId: 'c1', adoptable: false });
    v5.close();

    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => NOW });
    const [waiting] = await store.revisionsOf('waiting');
    const [sent] = await store.revisionsOf('sent');
    expect(waiting?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(waiting?.id).not.toBe(sent?.id);
    expect(waiting?.unsent).toBe(1);
    expect(sent?.unsent).toBeUndefined();
  });
});
