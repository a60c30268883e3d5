import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc } from '../../shared/sync/hlc';
import { mergeRecords } from '../../shared/sync/merge-record';
import type { ApplyOptions } from '../../shared/sync/sync-engine';
import { TEST_NOW, TEST_PROFILE, candidate, freshStore } from '../../test-support/renderer/store-test-fixtures';
import { blindWithheld, WithheldFieldsError } from './withheld-fields';

const NO: ApplyOptions = { confirmMassChange: false };
const WITHHELD = ['notes', 'traffickingIndicators', 'source.name'];
let changes = 0;
function changeId(): string {
  changes += 1;
  return `01900000-0000-7000-b000-${String(changes).padStart(12, '0')}`;
}

/** A colleague's record as the server holds it: every sensitive field filled, notes edited once since creation. */
async function serverRecord(): Promise<Observation> {
  const elsewhere = freshStore();
  const [made] = await elsewhere.createObservations(
    [
      candidate({
        notes: 'met the group leader, name in the notebook',
        traffickingIndicators: ['iom_unpaid_work'],
        source: { type: 'ngo', name: 'Nadia at the shelter', reliability: 'B', credibility: '2' },
      }),
    ],
    { author: 'Boris', office: 'RS-BEL' },
  );
  if (!made) throw new Error('not created');
  const hlc = formatHlc({ wallMs: TEST_NOW - 60_000, counter: 0, node: 'boris' });
  return { ...made, device: 'boris', notes: 'met the group leader, name in the notebook; two minors', hlc, fieldClocks: { notes: hlc } };
}

/** The same record as the pull gives it to a role that may not see its sensitive fields (withhold-sensitive.ts). */
function withheldCopy(record: Observation): Observation {
  const { notes: _notes, traffickingIndicators: _indicators, ...rest } = record;
  return { ...rest, source: rest.source ? { ...rest.source, name: null } : undefined };
}

async function deviceHoldingWithheld() {
  const server = await serverRecord();
  const store = freshStore();
  await store.syncStore().applyPulled([{ changeId: changeId(), record: withheldCopy(server), withheld: WITHHELD }], '1', NO);
  return { store, server };
}

describe('a record holding fields the server withheld', () => {
  it('would lose them on the server if pushed after an edit of another field: the merge takes an absent value on equal clocks', async () => {
    const server = await serverRecord();
    const edited = { ...withheldCopy(server), totalPersons: 13, hlc: formatHlc({ wallMs: TEST_NOW, counter: 0, node: 'sara' }) };
    edited.fieldClocks = { ...edited.fieldClocks, totalPersons: edited.hlc };
    const merged = mergeRecords(server, edited);
    // Why the store refuses such writes (below): were the merge ever to keep a present
    // value over an absent one, this fails and the refusal can be narrowed.
    expect(merged.notes).toBeUndefined();
    expect(merged.traffickingIndicators).toBeUndefined();
    expect(merged.source?.name).toBeNull();
  });

  it('names them as withheld, with no value on the device', async () => {
    const { store, server } = await deviceHoldingWithheld();
    const held = await store.getObservation(server.id);
    if (!held) throw new Error('not pulled');
    expect(held.notes).toBeUndefined();
    expect(blindWithheld(held, await store.withheldFields(server.id))).toEqual(WITHHELD);
  });

  it('refuses an edit of another field, a review, a delete and a conflict answer, and queues nothing that could clear them', async () => {
    const { store, server } = await deviceHoldingWithheld();
    const before = await store.getObservation(server.id);
    const revisionsBefore = await store.revisionsOf(server.id);

    await expect(store.updateObservation(server.id, candidate({ totalPersons: 13 }), 'Sara')).rejects.toBeInstanceOf(WithheldFieldsError);
    await expect(store.updateObservation(server.id, candidate({ totalPersons: 13 }), 'Sara')).rejects.toMatchObject({ fields: WITHHELD });
    const reviewed: Observation = { ...(before as Observation), reviewStatus: 'returned', review: { reviewer: 'Sara', reviewedAt: new Date(TEST_NOW).toISOString(), note: 'which shelter?' } };
    await expect(store.saveReviewed(reviewed, 'Sara')).rejects.toBeInstanceOf(WithheldFieldsError);
    await expect(store.deleteObservation(server.id, 'Sara')).rejects.toBeInstanceOf(WithheldFieldsError);
    await expect(store.resolveConflicts(server.id, ['c1'], null, 'Sara')).rejects.toBeInstanceOf(WithheldFieldsError);

    expect(await store.pendingCount()).toBe(0);
    expect(await store.syncStore().pendingChanges(10)).toEqual([]);
    expect(await store.getObservation(server.id)).toEqual(before);
    expect(await store.revisionsOf(server.id)).toEqual(revisionsBefore);
  });

  it('takes the values from a version pulled whole, at the same clocks, and edits the record again', async () => {
    const { store, server } = await deviceHoldingWithheld();
    // The server's version as a role that may see it pulls it: nothing of it changed since.
    await store.syncStore().applyPulled([{ changeId: changeId(), record: server }], '2', NO);
    expect(await store.withheldFields(server.id)).toEqual([]);
    const held = await store.getObservation(server.id);
    expect(held?.notes).toBe(server.notes);
    expect(held?.traffickingIndicators).toEqual(['iom_unpaid_work']);
    expect(held?.source?.name).toBe('Nadia at the shelter');

    // The form sends what it shows: the record as held, one field changed.
    await store.updateObservation(server.id, candidate({ totalPersons: 13, notes: held?.notes, traffickingIndicators: held?.traffickingIndicators, source: held?.source }), 'Sara');

    const [sent] = await store.syncStore().pendingChanges(10);
    expect(sent?.record.totalPersons).toBe(13);
    expect(sent?.record.notes).toBe(server.notes);
    expect(sent?.record.source?.name).toBe('Nadia at the shelter');
    expect(mergeRecords(server, sent?.record as Observation).notes).toBe(server.notes);
  });

  it('keeps them withheld when a later version withholds them again, and takes them from a version that carries them with a later change', async () => {
    const { store, server } = await deviceHoldingWithheld();
    const later = formatHlc({ wallMs: TEST_NOW - 30_000, counter: 0, node: 'boris' });
    const edited: Observation = { ...server, totalPersons: 14, hlc: later, fieldClocks: { ...server.fieldClocks, totalPersons: later } };
    await store.syncStore().applyPulled([{ changeId: changeId(), record: withheldCopy(edited), withheld: WITHHELD }], '2', NO);
    expect((await store.getObservation(server.id))?.totalPersons).toBe(14);
    expect(blindWithheld((await store.getObservation(server.id)) as Observation, await store.withheldFields(server.id))).toEqual(WITHHELD);

    await store.syncStore().applyPulled([{ changeId: changeId(), record: edited }], '3', NO);
    const held = await store.getObservation(server.id);
    expect(held).toMatchObject({ totalPersons: 14, notes: server.notes, traffickingIndicators: ['iom_unpaid_work'] });
    expect(held?.source?.name).toBe('Nadia at the shelter');
    // No conflict: the copy's absence was not an edit.
    expect((await store.revisionsOf(server.id)).filter((r) => r.action === 'conflict')).toEqual([]);
  });

  it('edits a record whose withheld field holds the device’s own later value: that value is what the push sends', async () => {
    const store = freshStore();
    const [mine] = await store.createObservations([candidate({ notes: 'first note' })], TEST_PROFILE);
    if (!mine) throw new Error('not created');
    await store.updateObservation(mine.id, candidate({ notes: 'my later note' }), 'Ana');
    const { notes: _withheld, ...older } = mine;
    await store.syncStore().applyPulled([{ changeId: changeId(), record: older, withheld: ['notes'] }], '1', NO);
    const held = await store.getObservation(mine.id);
    if (!held) throw new Error('gone');
    expect(blindWithheld(held, await store.withheldFields(mine.id))).toEqual([]);

    await store.updateObservation(mine.id, candidate({ notes: 'my later note', totalPersons: 13 }), 'Ana');

    const [sent] = await store.syncStore().pendingChanges(10);
    expect(sent?.record.notes).toBe('my later note');
    expect(sent?.record.totalPersons).toBe(13);
  });
});
