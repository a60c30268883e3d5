import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { formatHlc } from '../../shared/sync/hlc';
import type { PullResponse, SyncChange } from '../../shared/sync/protocol';
import { runSyncRound } from '../../shared/sync/sync-engine';
import type { SyncTransport } from '../../shared/sync/sync-engine';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { MARCH_2026, TEST_PROFILE, candidate } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';
import { openRecords } from './sealed-rows';

let dbCounter = 0;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const march = MARCH_2026;
const profile = TEST_PROFILE;

const input = candidate;

/** A device: its own database and wall clock. */
function device(now: () => number): ObservationStore {
  dbCounter += 1;
  return new ObservationStore(openDatabase(`merge-test-${dbCounter}`), { cipher: testCipher(), now: now });
}

/** A relay with the protocol's semantics: change ids stored once, a device never sent its own changes back. */
function relay(): { transportFor(origin: string): SyncTransport } {
  const log: { origin: string; change: SyncChange }[] = [];
  const seen = new Set<string>();
  return {
    transportFor: (origin) => ({
      push(request) {
        for (const change of request.changes) {
          if (!seen.has(change.changeId)) log.push({ origin, change });
          seen.add(change.changeId);
        }
        return Promise.resolve({ results: request.changes.map((c) => ({ changeId: c.changeId, outcome: 'accepted' as const })), serverTime: '' });
      },
      pull(after): Promise<PullResponse> {
        const from = after === null ? 0 : Number(after);
        const changes = log.slice(from).filter((row) => row.origin !== origin).map(({ change }) => ({ changeId: change.changeId, record: change.record }));
        return Promise.resolve({ changes, cursor: String(log.length), hasMore: false, serverTime: '' });
      },
    }),
  };
}

async function only(store: ObservationStore): Promise<Observation> {
  // Decrypted: the rows' envelopes differ between devices (a fresh IV each), their records do not.
  const [record, ...rest] = await openRecords(await store.db.observations.toArray(), store.cipher);
  if (!record || rest.length > 0) throw new Error('expected exactly one record');
  return record;
}

describe('pulled versions merge field by field on the device', () => {
  it('two devices that edit different fields of one record offline both keep both edits after sync', async () => {
    const server = relay();
    const a = device(() => NOW);
    const b = device(() => NOW + 1000);
    const [created] = await a.createObservations([input()], profile);
    if (!created) throw new Error('not created');
    await runSyncRound(a.syncStore(), server.transportFor('a'));
    await runSyncRound(b.syncStore(), server.transportFor('b'));
    expect((await only(b)).id).toBe(created.id);

    // Offline, each changes one field.
    await a.updateObservation(created.id, input({ summary: 'twelve, two of them children' }), 'Ana');
    await b.updateObservation(created.id, input({ totalPersons: 14 }), 'Boris');

    await runSyncRound(a.syncStore(), server.transportFor('a'));
    await runSyncRound(b.syncStore(), server.transportFor('b'));
    await runSyncRound(a.syncStore(), server.transportFor('a'));

    const onA = await only(a);
    const onB = await only(b);
    expect(onA.summary).toBe('twelve, two of them children');
    expect(onA.totalPersons).toBe(14);
    expect(canonicalJson(onA)).toBe(canonicalJson(onB));
    expect(Object.keys(onA.fieldClocks ?? {}).sort()).toEqual(['summary', 'totalPersons']);
    // The day index follows the merge: the list on A counts B's 14.
    expect((await a.queryIndex(march)).persons).toEqual([14]);
    expect(await a.pendingCount()).toBe(0);
    expect(await b.pendingCount()).toBe(0);
  });

  it('a concurrent edit of the same field goes to the later clock on both devices', async () => {
    const server = relay();
    const a = device(() => NOW);
    const b = device(() => NOW + 5000);
    const [created] = await a.createObservations([input()], profile);
    if (!created) throw new Error('not created');
    await runSyncRound(a.syncStore(), server.transportFor('a'));
    await runSyncRound(b.syncStore(), server.transportFor('b'));

    await b.updateObservation(created.id, input({ summary: 'from B, later' }), 'Boris');
    await a.updateObservation(created.id, input({ summary: 'from A, earlier' }), 'Ana');
    for (const [store, name] of [[b, 'b'], [a, 'a'], [b, 'b']] as const) await runSyncRound(store.syncStore(), server.transportFor(name));

    expect((await only(a)).summary).toBe('from B, later');
    expect((await only(b)).summary).toBe('from B, later');
  });

  it('keeps an unpushed local edit through a pull, still queued, and pushes the merged record', async () => {
    const a = device(() => NOW);
    const [created] = await a.createObservations([input()], profile);
    if (!created) throw new Error('not created');
    const port = a.syncStore();
    await port.acknowledge(await port.pendingChanges(10));

    await a.updateObservation(created.id, input({ summary: 'local, not pushed yet' }), 'Ana');
    const [queued] = await port.pendingChanges(10);
    const remoteHlc = formatHlc({ wallMs: NOW + 2000, counter: 0, node: 'other' });
    const remote: Observation = { ...created, totalPersons: 30, hlc: remoteHlc, fieldClocks: { totalPersons: remoteHlc } };
    await port.applyPulled([{ changeId: '01900000-0000-7000-8000-0000000000b1', record: remote }], '1', { confirmMassChange: false });

    const [pending, ...more] = await port.pendingChanges(10);
    expect(more).toEqual([]);
    expect(pending?.changeId).toBe(queued?.changeId);
    expect(pending?.record).toMatchObject({ summary: 'local, not pushed yet', totalPersons: 30 });
    expect(await only(a)).toMatchObject({ summary: 'local, not pushed yet', totalPersons: 30 });
  });

  it('writes nothing when a pulled version adds nothing to what is stored', async () => {
    const a = device(() => NOW);
    const [created] = await a.createObservations([input()], profile);
    if (!created) throw new Error('not created');
    await a.updateObservation(created.id, input({ summary: 'newer here' }), 'Ana');
    const stored = await only(a);
    const put = vi.spyOn(a.db.observations, 'bulkPut');
    // The creation version (older) and the stored version itself, e.g. a page applied twice.
    await a.syncStore().applyPulled(
      [
        { changeId: '01900000-0000-7000-8000-0000000000c1', record: created },
        { changeId: '01900000-0000-7000-8000-0000000000c2', record: { ...stored } },
      ],
      '2',
      { confirmMassChange: false },
    );
    expect(put.mock.calls.flatMap(([records]) => records)).toEqual([]);
    expect(await only(a)).toEqual(stored);
    expect(await a.syncStore().getCursor()).toBe('2');
  });

  it('a deletion stays deleted when another device edited the record meanwhile', async () => {
    const server = relay();
    const a = device(() => NOW);
    const b = device(() => NOW + 60_000);
    const [created] = await a.createObservations([input()], profile);
    if (!created) throw new Error('not created');
    await runSyncRound(a.syncStore(), server.transportFor('a'));
    await runSyncRound(b.syncStore(), server.transportFor('b'));

    await a.deleteObservation(created.id, 'Ana');
    await b.updateObservation(created.id, input({ totalPersons: 40 }), 'Boris');
    for (const [store, name] of [[a, 'a'], [b, 'b'], [a, 'a']] as const) await runSyncRound(store.syncStore(), server.transportFor(name));

    for (const store of [a, b]) {
      expect(await store.listObservations()).toEqual([]);
      expect((await store.queryIndex(march)).ids).toEqual([]);
      expect(await only(store)).toMatchObject({ deleted: true, totalPersons: 40 });
    }
  });
});
