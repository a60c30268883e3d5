import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc } from '../../shared/sync/hlc';
import type { PulledChange, PullResponse } from '../../shared/sync/protocol';
import { MassChangeError, runSyncRound, SyncError } from '../../shared/sync/sync-engine';
import type { ApplyOptions, SyncTransport } from '../../shared/sync/sync-engine';
import type { Enrolment } from './meta-keys';
import { MASS_CHANGE_MIN_RECORDS } from './pulled-page';
import { TEST_NOW, TEST_PROFILE, candidate, freshStore } from '../../test-support/renderer/store-test-fixtures';
import { allPending } from './pending-records';

const NO: ApplyOptions = { confirmMassChange: false };
let changes = 0;
function changeId(): string {
  changes += 1;
  return `01900000-0000-7000-a000-${String(changes).padStart(12, '0')}`;
}

/** A later version of a record, as another device ('other') would have written it. */
function remoteEdit(record: Observation, patch: Partial<Observation>, wallMs = TEST_NOW + 1000): Observation {
  const hlc = formatHlc({ wallMs, counter: 0, node: 'other' });
  const fieldClocks = { ...record.fieldClocks };
  for (const field of Object.keys(patch)) fieldClocks[field] = hlc;
  return { ...record, ...patch, hlc, fieldClocks };
}

function enrolment(patch: Partial<Enrolment> = {}): Enrolment {
  return {
    serverUrl: 'https://hq.example.org/',
    token: 't'.repeat(40),
    deviceId: 'dev1',
    office: 'RS-NIS',
    role: 'field_monitor',
    userName: 'Ana Petrović',
    enrolledAt: new Date(TEST_NOW).toISOString(),
    ...patch,
  };
}

describe('the kept count of waiting records', () => {
  it('follows creates, edits, acknowledgements and set-asides without walking the outbox', async () => {
    const store = freshStore();
    const [a, b, c] = await store.createObservations([candidate(), candidate(), candidate()], TEST_PROFILE);
    if (!a || !b || !c) throw new Error('not created');
    await store.updateObservation(a.id, candidate({ totalPersons: 20 }), 'Ana');
    const walk = vi.spyOn(store.db.outbox, 'each');
    const scan = vi.spyOn(store.db.outbox, 'toArray');
    expect(await store.pendingCount()).toBe(3);
    expect(walk).not.toHaveBeenCalled();
    expect(scan).not.toHaveBeenCalled();

    const port = store.syncStore();
    const sent = await port.pendingChanges(10);
    const ofB = sent.filter((s) => s.record.id === b.id);
    await port.acknowledge(sent.filter((s) => s.record.id === a.id));
    await port.setAside(ofB.map((change) => ({ change, code: 'invalid_record', message: 'no' })));
    expect(await store.pendingCount()).toBe(1);
    expect((await allPending(store.db)).map((r) => r.recordId)).toEqual([c.id]);
  });
});

describe('refused changes set aside ("Needs attention")', () => {
  it('leave the outbox with their reason; a record changed again after the refused push stays queued', async () => {
    const store = freshStore();
    const [a, b] = await store.createObservations([candidate(), candidate()], TEST_PROFILE);
    if (!a || !b) throw new Error('not created');
    const port = store.syncStore();
    const sent = await port.pendingChanges(10);
    // Record a is edited while the push is in flight; both changes are refused.
    await store.updateObservation(a.id, candidate({ totalPersons: 30 }), 'Ana');
    await port.setAside(sent.map((change) => ({ change, code: 'forbidden', message: `change ${change.changeId} refused` })));

    const waiting = await port.pendingChanges(10);
    expect(waiting.map((c) => c.record.id)).toEqual([a.id]);
    expect(waiting[0]?.changeId).not.toBe(sent.find((s) => s.record.id === a.id)?.changeId);
    expect(await store.pendingCount()).toBe(1);
    expect(await store.attentionCount()).toBe(2);
    const rows = await store.attentionItems();
    expect(rows.map((r) => r.recordId).sort()).toEqual([a.id, b.id].sort());
    const rowOfA = rows.find((r) => r.recordId === a.id);
    // The record as it was pushed, not as it now stands.
    expect(rowOfA).toMatchObject({ code: 'forbidden', record: { totalPersons: 12 }, at: new Date(TEST_NOW).toISOString() });
  });

  it('lists the newest first', async () => {
    let now = TEST_NOW;
    const store = freshStore(() => now);
    await store.createObservations([candidate(), candidate()], TEST_PROFILE);
    const port = store.syncStore();
    const [first, second] = await port.pendingChanges(10);
    if (!first || !second) throw new Error('not queued');
    await port.setAside([{ change: first, code: 'forbidden', message: 'first' }]);
    now += 60_000;
    await port.setAside([{ change: second, code: 'invalid_record', message: 'second' }]);
    expect((await store.attentionItems()).map((r) => r.message)).toEqual(['second', 'first']);
  });

  it('an edit of a refused record resends it: its rows go and the edit is queued, in one write', async () => {
    const store = freshStore();
    const [a, b] = await store.createObservations([candidate(), candidate()], TEST_PROFILE);
    if (!a || !b) throw new Error('not created');
    const port = store.syncStore();
    await port.setAside((await port.pendingChanges(10)).map((change) => ({ change, code: 'invalid_record', message: 'no' })));
    expect(await store.pendingCount()).toBe(0);

    await store.updateObservation(a.id, candidate({ totalPersons: 13 }), 'Ana');
    expect((await store.attentionItems()).map((r) => r.recordId)).toEqual([b.id]);
    expect((await port.pendingChanges(10)).map((c) => [c.record.id, c.record.totalPersons])).toEqual([[a.id, 13]]);

    await store.deleteObservation(b.id, 'Ana');
    expect(await store.attentionCount()).toBe(0);
    expect(await store.pendingCount()).toBe(2);
  });

  it('an unchanged save of a refused record still resends it, under a new change id, with no revision', async () => {
    const store = freshStore();
    const [a, b] = await store.createObservations([candidate(), candidate()], TEST_PROFILE);
    if (!a || !b) throw new Error('not created');
    const port = store.syncStore();
    const refused = await port.pendingChanges(10);
    await port.setAside(refused.map((change) => ({ change, code: 'change_id_conflict', message: 'no' })));

    expect(await store.updateObservation(a.id, candidate(), 'Ana')).toEqual([]);
    expect((await store.attentionItems()).map((r) => r.recordId)).toEqual([b.id]);
    const [resent, ...more] = await port.pendingChanges(10);
    expect(more).toEqual([]);
    expect(resent?.record).toEqual(a);
    expect(resent?.changeId).not.toBe(refused.find((c) => c.record.id === a.id)?.changeId);
    expect(await store.revisionsOf(a.id)).toEqual([]);
    // A record nobody refused: an unchanged save stays a no-op.
    await port.acknowledge([resent].filter((c) => c !== undefined));
    expect(await store.updateObservation(a.id, candidate(), 'Ana')).toEqual([]);
    expect(await store.pendingCount()).toBe(0);
  });

  it('a later change of the record accepted by the server settles its refusals', async () => {
    const store = freshStore();
    const [a] = await store.createObservations([candidate()], TEST_PROFILE);
    if (!a) throw new Error('not created');
    const port = store.syncStore();
    const [refused] = await port.pendingChanges(10);
    await store.updateObservation(a.id, candidate({ totalPersons: 14 }), 'Ana');
    if (!refused) throw new Error('not queued');
    await port.setAside([{ change: refused, code: 'record_too_large', message: 'no' }]);
    expect(await store.attentionCount()).toBe(1);
    await port.acknowledge(await port.pendingChanges(10));
    expect(await store.attentionCount()).toBe(0);
    expect(await store.pendingCount()).toBe(0);
  });

  it('exports everything unsent as JSON-able data', async () => {
    const store = freshStore();
    await store.setMeta('enrolment', enrolment({ office: 'RS-BEL', userName: 'Ana' }));
    const [a, b] = await store.createObservations([candidate(), candidate({ totalPersons: 3 })], TEST_PROFILE);
    if (!a || !b) throw new Error('not created');
    const port = store.syncStore();
    const [first] = await port.pendingChanges(1);
    if (!first) throw new Error('not queued');
    await port.setAside([{ change: first, code: 'forbidden', message: 'no' }]);

    const exported = await store.exportWaiting();
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported.device).toEqual({ localDeviceId: await store.localDeviceId(), deviceId: 'dev1', office: 'RS-BEL', userName: 'Ana' });
    expect(exported.pending.map((c) => c.record.id)).toEqual([b.id]);
    expect(exported.attention.map((r) => r.changeId)).toEqual([first.changeId]);
    expect(exported.exportedAt).toBe(new Date(TEST_NOW).toISOString());
  });
});

describe('pulled pages', () => {
  async function deviceHolding(count: number) {
    const store = freshStore();
    const records = await store.createObservations(
      Array.from({ length: count }, (_, i) => candidate({ totalPersons: i + 1 })),
      TEST_PROFILE,
    );
    const port = store.syncStore();
    await port.acknowledge(await port.pendingChanges(count));
    return { store, port, records };
  }

  it('holds back a page that would delete more than a tenth of the records, applying nothing, until confirmed', async () => {
    const { store, port, records } = await deviceHolding(100);
    const page: PulledChange[] = records.slice(0, 15).map((r) => ({ changeId: changeId(), record: remoteEdit(r, { deleted: true }) }));
    page.push(...records.slice(15, 21).map((r) => ({ changeId: changeId(), record: remoteEdit(r, { totalPersons: 500 }) })));
    const held = await port.applyPulled(page, '9', NO).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(MassChangeError);
    expect(held).toMatchObject({ code: 'mass_change', deletes: 15, overwrites: 6, held: 100 });
    expect(await store.listObservations()).toHaveLength(100);
    expect(await port.getCursor()).toBeNull();

    await port.applyPulled(page, '9', { confirmMassChange: true });
    expect(await store.listObservations()).toHaveLength(85);
    expect(await port.getCursor()).toBe('9');
  });

  it('does not hold a supervisor reviewing many records, nor edits of values typed elsewhere', async () => {
    const { store, port, records } = await deviceHolding(100);
    const reviewed = records.slice(0, 40).map((r) => ({
      changeId: changeId(),
      record: remoteEdit(r, { reviewStatus: 'verified', review: { reviewer: 'Supervisor', reviewedAt: new Date(TEST_NOW).toISOString(), note: null } }),
    }));
    await port.applyPulled(reviewed, '1', NO);
    expect((await store.getObservation(records[0]?.id ?? ''))?.reviewStatus).toBe('verified');
    // Values stamped by another device, replaced by a third: not this device's typing.
    const elsewhere = records.slice(40, 80).map((r) => remoteEdit(r, { totalPersons: 7 }));
    // (Replacing this device's own values is held: a person confirmed it.)
    await port.applyPulled(elsewhere.map((record) => ({ changeId: changeId(), record })), '2', { confirmMassChange: true });
    const again = elsewhere.map((r) => ({ changeId: changeId(), record: remoteEdit(r, { totalPersons: 8 }, TEST_NOW + 2000) }));
    await port.applyPulled(again, '3', NO);
    expect((await store.getObservation(records[79]?.id ?? ''))?.totalPersons).toBe(8);
  });

  it('lets through a page under the share, or under the least count', async () => {
    const { store, port, records } = await deviceHolding(300);
    // 25 of 300 records: more than the least count, under a tenth.
    await port.applyPulled(records.slice(0, 25).map((r) => ({ changeId: changeId(), record: remoteEdit(r, { deleted: true }) })), '1', NO);
    expect(await store.listObservations()).toHaveLength(275);

    const small = await deviceHolding(MASS_CHANGE_MIN_RECORDS);
    const all = small.records.slice(0, MASS_CHANGE_MIN_RECORDS - 1).map((r) => ({ changeId: changeId(), record: remoteEdit(r, { deleted: true }) }));
    await small.port.applyPulled(all, '1', NO);
    expect(await small.store.listObservations()).toHaveLength(1);
  });

  it('does not count new records or fields the device had no value for as overwrites', async () => {
    const { port, records } = await deviceHolding(30);
    const page = records.map((r) => ({ changeId: changeId(), record: remoteEdit(r, { observedEnd: '2026-03-10T11:30:00.000Z' }) }));
    await expect(port.applyPulled(page, '1', NO)).resolves.toBeUndefined();
  });

  it.each([
    ['an hlc that is not a stamp', (r: Observation): Observation => ({ ...r, hlc: 'tomorrow' })],
    ['a field clock that is not a stamp', (r: Observation): Observation => ({ ...r, fieldClocks: { totalPersons: '9'.repeat(15) } })],
    ['a field clock for no field', (r: Observation): Observation => ({ ...r, fieldClocks: { isAdmin: r.hlc } })],
    [
      'a field clock later than the record',
      (r: Observation): Observation => ({ ...r, fieldClocks: { totalPersons: formatHlc({ wallMs: TEST_NOW + 5000, counter: 0, node: 'x' }) } }),
    ],
  ])('refuses a page with %s, applying nothing of it', async (_name, forge) => {
    const { store, port, records } = await deviceHolding(2);
    const [good, bad] = records;
    if (!good || !bad) throw new Error('not created');
    const page = [
      { changeId: changeId(), record: remoteEdit(good, { totalPersons: 77 }) },
      { changeId: changeId(), record: forge(remoteEdit(bad, { totalPersons: 88 })) },
    ];
    await expect(port.applyPulled(page, '4', NO)).rejects.toSatisfy((e: unknown) => e instanceof SyncError && e.code === 'server_error');
    expect((await store.getObservation(good.id))?.totalPersons).toBe(1);
    expect(await port.getCursor()).toBeNull();
  });

  it("takes a page stamped ahead of the device's clock when the server's clock says it is not", async () => {
    // The device's clock is 24 hours behind the server's.
    const deviceNow = TEST_NOW - 24 * 3_600_000;
    const store = freshStore(() => deviceNow);
    const [mine] = await store.createObservations([candidate({ observedStart: '2026-03-09T10:00:00.000Z' })], TEST_PROFILE);
    if (!mine) throw new Error('not created');
    const theirs = remoteEdit(mine, { totalPersons: 40 }, TEST_NOW);
    const port = store.syncStore();
    await expect(port.applyPulled([{ changeId: changeId(), record: theirs }], '1', NO)).rejects.toMatchObject({ code: 'clock_skew' });
    await port.applyPulled([{ changeId: changeId(), record: theirs }], '1', { confirmMassChange: false, serverTimeMs: TEST_NOW });
    // An edit made after it sorts after it, whatever the device's clock says.
    await store.updateObservation(mine.id, candidate({ observedStart: '2026-03-09T10:00:00.000Z', totalPersons: 41 }), 'Ana');
    const after = await store.getObservation(mine.id);
    expect(after?.totalPersons).toBe(41);
    expect((after?.fieldClocks?.totalPersons ?? '') > theirs.hlc).toBe(true);
  });

  it('keeps withheld fields apart, and a withheld value never deletes the device’s own later one', async () => {
    const store = freshStore();
    const [mine] = await store.createObservations([candidate({ notes: 'met near the station, names kept' })], TEST_PROFILE);
    if (!mine) throw new Error('not created');
    await store.updateObservation(mine.id, candidate({ notes: 'met near the station, names kept; two minors' }), 'Ana');
    const local = await store.getObservation(mine.id);
    if (!local) throw new Error('gone');
    // The server's version, older for notes, newer for the head count, notes left out.
    const { notes: _withheld, ...rest } = remoteEdit(mine, { totalPersons: 15 }, TEST_NOW - 1000);
    const pulled = { ...rest, fieldClocks: { totalPersons: rest.hlc } } as Observation;
    const port = store.syncStore();
    await port.applyPulled([{ changeId: changeId(), record: pulled, withheld: ['notes'] }], '1', NO);
    const merged = await store.getObservation(mine.id);
    expect(merged?.notes).toBe('met near the station, names kept; two minors');
    expect(merged?.totalPersons).toBe(15);
    expect(Object.keys(merged ?? {})).not.toContain('withheld');
    expect(await store.withheldFields(mine.id)).toEqual(['notes']);
    // A later version with nothing withheld clears the note.
    await port.applyPulled([{ changeId: changeId(), record: merged ?? pulled }], '2', NO);
    expect(await store.withheldFields(mine.id)).toEqual([]);
  });

  it('a first pull left half way resumes from the last page applied', async () => {
    const source = await deviceHolding(25);
    const feed: PullResponse['changes'] = source.records.map((record) => ({ changeId: changeId(), record }));
    const asked: (string | null)[] = [];
    let failAfter = 2;
    const transport: SyncTransport = {
      push: () => Promise.reject(new Error('nothing to push')),
      pull(after, limit): Promise<PullResponse> {
        asked.push(after);
        if (failAfter-- <= 0) return Promise.reject(new SyncError('network_unreachable'));
        const from = after === null ? 0 : Number(after);
        const page = feed.slice(from, from + limit);
        return Promise.resolve({
          changes: page,
          cursor: String(from + page.length),
          hasMore: from + page.length < feed.length,
          remaining: feed.length - from - page.length,
          serverTime: new Date(TEST_NOW).toISOString(),
        });
      },
    };
    const reader = freshStore();
    await expect(runSyncRound(reader.syncStore(), transport, { pullPage: 10 })).rejects.toMatchObject({ code: 'network_unreachable' });
    expect(await reader.db.observations.count()).toBe(20);
    expect(await reader.syncStore().getCursor()).toBe('20');
    failAfter = 10;
    asked.length = 0;
    expect((await runSyncRound(reader.syncStore(), transport, { pullPage: 10 })).pulled).toBe(5);
    expect(asked).toEqual(['20']);
    expect(await reader.db.observations.count()).toBe(25);
  });
});

describe('identity from the enrolment', () => {
  it('writes new records and revisions as the enrolled user and office, whatever the profile says', async () => {
    const store = freshStore();
    await store.enrol(enrolment(), { resetCursor: false });
    const [record] = await store.createObservations([candidate()], { author: 'Someone typed', office: 'RS-BEL' });
    expect(record).toMatchObject({ author: 'Ana Petrović', office: 'RS-NIS', mission: 'RS' });
    await store.updateObservation(record?.id ?? '', candidate({ totalPersons: 2 }), 'Someone typed');
    expect((await store.revisionsOf(record?.id ?? '')).map((r) => r.by)).toEqual(['Ana Petrović']);
  });

  it('adopts the records made before enrolment and never sent, when the mission matches, in one write', async () => {
    const store = freshStore(() => TEST_NOW + 5000);
    const [a, b] = await store.createObservations([candidate(), candidate({ totalPersons: 4 })], TEST_PROFILE);
    if (!a || !b) throw new Error('not created');
    const result = await store.enrol(enrolment(), { resetCursor: true });
    expect(result).toEqual({ adopted: 2, kept: 0 });
    const adopted = await store.getObservation(a.id);
    expect(adopted).toMatchObject({ author: 'Ana Petrović', office: 'RS-NIS', mission: 'RS', totalPersons: 12 });
    expect(Object.keys(adopted?.fieldClocks ?? {}).sort()).toEqual(['author', 'office']);
    const [revision] = await store.revisionsOf(a.id);
    expect(revision).toMatchObject({
      action: 'edit',
      by: 'Ana Petrović',
      changes: [
        { field: 'office', before: 'RS-BEL', after: 'RS-NIS' },
        { field: 'author', before: 'Ana', after: 'Ana Petrović' },
      ],
    });
    // Still waiting, once each, in their adopted state.
    const waiting = await store.syncStore().pendingChanges(10);
    expect(waiting.map((c) => c.record.author)).toEqual(['Ana Petrović', 'Ana Petrović']);
    expect(await store.pendingCount()).toBe(2);
  });

  it('leaves records of another mission as they are (the server will refuse them), and records already sent', async () => {
    const store = freshStore();
    const [other] = await store.createObservations([candidate({ placeId: 'mk-gevgelija' })], { author: 'Ana', office: 'MK-SKO' });
    const [sent] = await store.createObservations([candidate()], TEST_PROFILE);
    if (!other || !sent) throw new Error('not created');
    const port = store.syncStore();
    await port.acknowledge((await port.pendingChanges(10)).filter((c) => c.record.id === sent.id));
    await store.updateObservation(sent.id, candidate({ totalPersons: 2 }), 'Ana');
    const result = await store.enrol(enrolment(), { resetCursor: false });
    expect(result).toEqual({ adopted: 0, kept: 1 });
    expect(await store.getObservation(other.id)).toMatchObject({ author: 'Ana', office: 'MK-SKO', mission: 'MK' });
    expect(await store.getObservation(sent.id)).toMatchObject({ author: 'Ana', office: 'RS-BEL' });
    expect(await store.revisionsOf(other.id)).toEqual([]);
  });

  it('never gives a record made under an enrolment to the user of a later one', async () => {
    const store = freshStore();
    await store.enrol(enrolment({ userName: 'Ana' }), { resetCursor: false });
    const [made] = await store.createObservations([candidate()], TEST_PROFILE);
    // Made unenrolled under the same name and office: nothing to rewrite, settled all the same.
    const fresh = freshStore();
    const [same] = await fresh.createObservations([candidate()], { author: 'Ana', office: 'RS-NIS' });
    expect(await fresh.enrol(enrolment({ userName: 'Ana' }), { resetCursor: false })).toEqual({ adopted: 0, kept: 0 });

    expect(await store.enrol(enrolment({ userName: 'Boris', deviceId: 'dev2' }), { resetCursor: false })).toEqual({ adopted: 0, kept: 0 });
    expect(await store.getObservation(made?.id ?? '')).toMatchObject({ author: 'Ana' });
    expect(await fresh.enrol(enrolment({ userName: 'Boris', deviceId: 'dev2' }), { resetCursor: false })).toEqual({ adopted: 0, kept: 0 });
    expect(await fresh.getObservation(same?.id ?? '')).toMatchObject({ author: 'Ana' });
  });

  it('resets the pull cursor only when asked', async () => {
    const store = freshStore();
    await store.setMeta('sync', { cursor: '42', lastSyncAt: null });
    await store.enrol(enrolment(), { resetCursor: false });
    expect(await store.syncStore().getCursor()).toBe('42');
    await store.enrol(enrolment({ office: 'RS-BEL' }), { resetCursor: true });
    expect(await store.syncStore().getCursor()).toBeNull();
  });
});
