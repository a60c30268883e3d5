import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc } from '../../shared/sync/hlc';
import { SyncError } from '../../shared/sync/sync-engine';
import { openDatabase } from './database';
import { ObservationStore, ObservationValidationError } from './observation-store';
import { TEST_PROFILE, candidate } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';
import { allPending } from './pending-records';

let dbCounter = 0;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
function freshStore(now = () => NOW): ObservationStore {
  dbCounter += 1;
  return new ObservationStore(openDatabase(`test-${dbCounter}`), { cipher: testCipher(), now: now });
}
const profile = TEST_PROFILE;
const input = candidate;

describe('ObservationStore writes', () => {
  it('stores a record and its outbox entry together', async () => {
    const store = freshStore();
    const [record] = await store.createObservations([input()], profile);
    expect(record).toMatchObject({ office: 'RS-BEL', mission: 'RS', author: 'Ana', reviewStatus: 'submitted', deleted: false });
    expect(await store.db.observations.count()).toBe(1);
    const outbox = await store.db.outbox.toArray();
    expect(outbox).toEqual([{ seq: 1, entries: [{ recordId: record?.id, changeId: expect.any(String) as string }] }]);
    expect(await store.pendingCount()).toBe(1);
  });

  it('writes nothing of a batch when one record is invalid', async () => {
    const store = freshStore();
    await expect(store.createObservations([input(), input({ totalPersons: -1 })], profile)).rejects.toBeInstanceOf(
      ObservationValidationError,
    );
    expect(await store.db.observations.count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('gives every record a later HLC stamp than the one before', async () => {
    const store = freshStore();
    const records = await store.createObservations([input(), input(), input()], profile);
    const stamps = records.map((r) => r.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
  });

  it('lists live records newest observation first, and by period', async () => {
    const store = freshStore();
    await store.createObservations(
      [input({ observedStart: '2026-03-01T10:00:00.000Z' }), input({ observedStart: '2026-03-05T10:00:00.000Z' })],
      profile,
    );
    const list = await store.listObservations();
    expect(list.map((r) => r.observedStart)).toEqual(['2026-03-05T10:00:00.000Z', '2026-03-01T10:00:00.000Z']);
    const march1 = await store.observationsBetween('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z');
    expect(march1).toHaveLength(1);
  });
});

describe('ObservationStore as a sync store', () => {
  it('offers each pending record once, with its latest change id', async () => {
    const store = freshStore();
    const [a, b] = await store.createObservations([input(), input()], profile);
    const port = store.syncStore();
    const pending = await port.pendingChanges(10);
    expect(pending.map((c) => c.record.id).sort()).toEqual([a?.id, b?.id].sort());
    expect(await port.pendingChanges(1)).toHaveLength(1);
  });

  it('drops acknowledged changes and keeps changes made after the push began', async () => {
    const store = freshStore();
    const [a, b] = await store.createObservations([input(), input()], profile);
    const port = store.syncStore();
    const sent = await port.pendingChanges(10);
    expect(sent.map((c) => c.record.id).sort()).toEqual([a?.id, b?.id].sort());
    // Record a is changed again while the push is in flight.
    await store.updateObservation(a?.id ?? '', input({ totalPersons: 13 }), 'Ana');
    const [later] = (await store.db.outbox.toArray()).at(-1)?.entries ?? [];
    await port.acknowledge(sent);
    expect((await store.db.outbox.toArray()).map((row) => row.entries)).toEqual([[later]]);
    expect(await store.pendingCount()).toBe(1);
    expect(await allPending(store.db)).toEqual([{ recordId: a?.id, changeId: later?.changeId, adoptable: false }]);
    // The next push sends a's current state under the later change id.
    expect((await port.pendingChanges(10)).map((c) => c.changeId)).toEqual([later?.changeId]);
  });

  it('acknowledges part of a write and keeps the rest', async () => {
    const store = freshStore();
    await store.createObservations([input(), input(), input()], profile);
    const port = store.syncStore();
    const [first] = await port.pendingChanges(1);
    if (!first) throw new Error('nothing pending');
    await port.acknowledge([first]);
    expect(await store.pendingCount()).toBe(2);
    const rest = await port.pendingChanges(10);
    expect(rest.map((c) => c.record.id)).not.toContain(first.record.id);
    await port.acknowledge(rest);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('merges pulled records by HLC, stores the cursor, and ignores older versions', async () => {
    const store = freshStore();
    const [mine] = await store.createObservations([input()], profile);
    if (!mine) throw new Error('no record');
    const edit = (totalPersons: number, wallMs: number): Observation => {
      const hlc = formatHlc({ wallMs, counter: 0, node: 'other' });
      return { ...mine, totalPersons, hlc, fieldClocks: { totalPersons: hlc } };
    };
    const newer = edit(99, NOW + 1000);
    const older = edit(999, NOW - 1000);
    const port = store.syncStore();
    await port.applyPulled(
      [
        { changeId: '01900000-0000-7000-8000-000000000001', record: newer },
        { changeId: '01900000-0000-7000-8000-000000000002', record: older },
      ],
      '17',
      { confirmMassChange: false },
    );
    expect((await store.db.observations.get(mine.id))?.totalPersons).toBe(99);
    expect(await port.getCursor()).toBe('17');
    // A later local edit sorts after what was pulled.
    const [next] = await store.createObservations([input()], profile);
    expect((next?.hlc ?? '') > newer.hlc).toBe(true);
  });

  it('refuses a page stamped far in the future, and applies nothing of it', async () => {
    const store = freshStore();
    const [mine] = await store.createObservations([input()], profile);
    if (!mine) throw new Error('no record');
    const skewed: Observation = { ...mine, totalPersons: 5, hlc: formatHlc({ wallMs: NOW + 3_600_000, counter: 0, node: 'other' }) };
    const port = store.syncStore();
    await expect(
      port.applyPulled([{ changeId: '01900000-0000-7000-8000-000000000003', record: skewed }], '5', { confirmMassChange: false }),
    ).rejects.toSatisfy((e: unknown) => e instanceof SyncError && e.code === 'clock_skew');
    expect((await store.db.observations.get(mine.id))?.totalPersons).toBe(12);
    expect(await port.getCursor()).toBeNull();
  });
});
