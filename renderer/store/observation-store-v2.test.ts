import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/sync/hlc';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { MARCH_2026, TEST_PROFILE, candidate } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

let n = 0;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const profile = TEST_PROFILE;
const freshName = () => `v2-test-${++n}`;
const input = candidate;
const march = MARCH_2026;

describe('schema version 2', () => {
  it('upgrades a version 1 database: records kept, day index built', async () => {
    const name = freshName();
    // The skeleton's version 1, exactly as it shipped.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      observations: '&id, observedStart, kind, placeId, reviewStatus, office, [kind+observedStart]',
      outbox: '++seq',
      meta: '&key',
    });
    const old = new ObservationStore(openDatabase(`${name}-source`), { cipher: testCipher(), now: () => NOW });
    const records = await old.createObservations([input(), input({ observedStart: '2026-03-09T08:00:00.000Z', totalPersons: 3 })], profile);
    await v1.table('observations').bulkAdd(records);
    await v1.table('outbox').add({ entries: records.map((r) => ({ recordId: r.id, changeId: r.id })) });
    v1.close();

    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => NOW });
    expect(await store.db.observations.count()).toBe(2);
    expect(await store.pendingCount()).toBe(2);
    const index = await store.queryIndex(march);
    expect(index.ids.sort()).toEqual(records.map((r) => r.id).sort());
    expect(index.persons.reduce((a, b) => a + b, 0)).toBe(15);
    expect((await store.db.dayIndex.toArray()).map((r) => r.day).sort()).toEqual(['2026-03-09', '2026-03-10']);
  });
});

describe('the day index stays in step with the records', () => {
  it('on create, edit (moving a record to another day), delete and pull', async () => {
    const store = new ObservationStore(openDatabase(freshName()), { cipher: testCipher(), now: () => NOW });
    const [a, b] = await store.createObservations([input(), input({ totalPersons: 5, kind: 'point_count' })], profile);
    if (!a || !b) throw new Error('not created');
    expect((await store.queryIndex(march)).ids).toHaveLength(2);

    await store.updateObservation(a.id, input({ observedStart: '2026-03-02T09:00:00.000Z', totalPersons: 40 }), 'Ana');
    const days = await store.db.dayIndex.toArray();
    expect(days.map((d) => [d.day, d.ids.length])).toEqual([
      ['2026-03-02', 1],
      ['2026-03-10', 1],
    ]);
    expect((await store.queryIndex({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' })).persons).toEqual([40]);

    await store.deleteObservation(b.id, 'Ana');
    expect((await store.queryIndex(march)).ids).toEqual([a.id]);
    expect(await store.db.dayIndex.get('2026-03-10')).toBeUndefined();
    expect((await store.getObservation(b.id))?.deleted).toBe(true);

    // Another device's later edit of the head count (field clocks as its store writes them).
    const remoteHlc = formatHlc({ wallMs: NOW + 5000, counter: 0, node: 'other' });
    const remote = { ...a, totalPersons: 99, hlc: remoteHlc, fieldClocks: { totalPersons: remoteHlc } };
    await store.syncStore().applyPulled([{ changeId: '01900000-0000-7000-8000-0000000000aa', record: remote }], '3', { confirmMassChange: false });
    expect((await store.queryIndex(march)).persons).toEqual([99]);
  });

  it('filters by kind, status, mission and place within the period', async () => {
    const store = new ObservationStore(openDatabase(freshName()), { cipher: testCipher(), now: () => NOW });
    await store.createObservations(
      [
        input({ kind: 'incident', incident: { type: 'pushback', actor: 'state', dead: null, injured: null, missing: null } }),
        input({ kind: 'point_count', placeId: 'mk-tabanovce' }),
        input({ observedStart: '2026-02-27T10:00:00.000Z' }),
      ],
      profile,
    );
    expect((await store.queryIndex(march)).ids).toHaveLength(2);
    expect((await store.queryIndex({ ...march, kinds: ['incident'] })).ids).toHaveLength(1);
    expect((await store.queryIndex({ ...march, placeIds: ['mk-tabanovce'] })).ids).toHaveLength(1);
    expect((await store.queryIndex({ ...march, missions: ['MK'] })).ids).toHaveLength(0);
    expect((await store.queryIndex({ ...march, statuses: ['submitted'] })).ids).toHaveLength(2);
    expect((await store.queryIndex({ from: '2026-02-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })).ids).toHaveLength(3);
  });
});

describe('edits', () => {
  it('keep a revision of who changed which fields from what to what, and stamp each field', async () => {
    let now = NOW;
    const store = new ObservationStore(openDatabase(freshName()), { cipher: testCipher(), now: () => now });
    const [a] = await store.createObservations([input()], profile);
    if (!a) throw new Error('not created');
    now += 60_000;
    const changed = await store.updateObservation(a.id, input({ totalPersons: 14, summary: 'fourteen' }), 'Boris');
    expect(changed.sort()).toEqual(['summary', 'totalPersons']);
    const [revision] = await store.revisionsOf(a.id);
    expect(revision).toMatchObject({ by: 'Boris', action: 'edit' });
    expect(revision?.changes).toEqual(
      expect.arrayContaining([
        { field: 'totalPersons', before: 12, after: 14 },
        { field: 'summary', before: 'twelve', after: 'fourteen' },
      ]),
    );
    const after = await store.getObservation(a.id);
    expect(after?.hlc && after.hlc > a.hlc).toBe(true);
    expect(after?.fieldClocks).toEqual({ totalPersons: after?.hlc, summary: after?.hlc });
    expect(await store.pendingCount()).toBe(1);
  });

  it('an edit that changes nothing writes nothing', async () => {
    const store = new ObservationStore(openDatabase(freshName()), { cipher: testCipher(), now: () => NOW });
    const [a] = await store.createObservations([input()], profile);
    if (!a) throw new Error('not created');
    const outboxBefore = await store.db.outbox.count();
    expect(await store.updateObservation(a.id, input(), 'Ana')).toEqual([]);
    expect(await store.revisionsOf(a.id)).toEqual([]);
    expect(await store.db.outbox.count()).toBe(outboxBefore);
  });

  it('an invalid edit changes nothing', async () => {
    const store = new ObservationStore(openDatabase(freshName()), { cipher: testCipher(), now: () => NOW });
    const [a] = await store.createObservations([input()], profile);
    if (!a) throw new Error('not created');
    await expect(store.updateObservation(a.id, input({ totalPersons: -3 }), 'Ana')).rejects.toThrow('invalid observation');
    expect((await store.getObservation(a.id))?.totalPersons).toBe(12);
    expect(await store.revisionsOf(a.id)).toEqual([]);
  });

  it('a deleted record cannot be edited', async () => {
    const store = new ObservationStore(openDatabase(freshName()), { cipher: testCipher(), now: () => NOW });
    const [a] = await store.createObservations([input()], profile);
    if (!a) throw new Error('not created');
    await store.deleteObservation(a.id, 'Ana');
    await expect(store.updateObservation(a.id, input({ totalPersons: 1 }), 'Ana')).rejects.toThrow('no live record');
    expect((await store.revisionsOf(a.id)).map((r) => r.action)).toEqual(['delete']);
  });
});
