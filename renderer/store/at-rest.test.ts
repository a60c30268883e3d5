import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { countCanaries } from '../../test-support/renderer/canary-scan';
import { freshTestCipher } from '../../test-support/renderer/test-cipher';
import { openDatabase } from './database';
import type { RoutewatchDatabase } from './database';
import { DraftStore } from './draft-store';
import { ObservationStore } from './observation-store';
import { protectedFieldsUnreadable, UnreadableRecordError } from './sealed-rows';
import { candidate, freshDatabaseName, TEST_NOW, TEST_PROFILE } from '../../test-support/renderer/store-test-fixtures';

const INDICATOR = 'iom_forced_work';

function sensitive(tag: string): Record<string, unknown> {
  return {
    notes: `CANARY-notes-${tag}`,
    source: { type: 'authorities', name: `CANARY-source-${tag}`, reliability: 'B', credibility: '2' },
    traffickingIndicators: [INDICATOR],
  };
}

/** Every row of every table, as IndexedDB holds it (Dexie without the store). */
async function everyRow(db: RoutewatchDatabase): Promise<unknown[]> {
  const rows: unknown[][] = await Promise.all(db.tables.map((table) => table.toArray()));
  return rows.flat();
}

function setUp() {
  const cipher = freshTestCipher();
  const db = openDatabase(freshDatabaseName('at-rest'));
  const store = new ObservationStore(db, { cipher, now: () => TEST_NOW });
  return { cipher, db, store, drafts: new DraftStore(db, cipher, () => TEST_NOW) };
}

describe('encryption at rest in the store', () => {
  it('keeps no sensitive value in the clear: records, revisions, drafts, refused records, the token; and reads them all back', async () => {
    const { db, store, drafts } = setUp();
    const created = await store.createObservations([candidate(sensitive('a')), candidate({ ...sensitive('b'), totalPersons: 3 })], TEST_PROFILE);
    const first = created[0] as Observation;
    await store.updateObservation(first.id, candidate(sensitive('a2')), 'Ana');
    await drafts.save('draft-1', null, { draft: { notes: 'CANARY-draft', summary: 'CANARY-draft-summary' } });
    await store.setMeta('enrolment', { serverUrl: 'https://sync.example', token: 'CANARY-token', deviceId: 'dev-1', office: 'RS-BEL', enrolledAt: '2026-03-10T12:00:00.000Z' });
    const sync = store.syncStore();
    const [waiting] = await sync.pendingChanges(1);
    if (!waiting) throw new Error('nothing waiting');
    await sync.setAside([{ change: waiting, code: 'forbidden', message: 'refused' }]);

    const canaries = ['CANARY', INDICATOR];
    const rows = await everyRow(db);
    expect(rows.length).toBeGreaterThan(8);
    const found = countCanaries(rows, canaries);
    console.log(`at rest (fake-indexeddb): ${String(rows.length)} rows scanned, canaries found ${String(found)}`);
    expect(found).toBe(0);
    // The summary is not a sensitive field: it stays in the clear, where the text search reads it.
    expect(countCanaries(await db.observations.toArray(), ['twelve'])).toBe(2);

    // Read through the store, everything is there.
    const again = await store.getObservation(first.id);
    expect(again?.notes).toBe('CANARY-notes-a2');
    expect(again?.source?.name).toBe('CANARY-source-a2');
    expect(again?.traffickingIndicators).toEqual([INDICATOR]);
    const history = await store.revisionsOf(first.id);
    const edit = history.find((row) => row.action === 'edit');
    expect(edit?.changes.map((c) => c.field).sort()).toEqual(['notes', 'source']);
    expect(edit?.changes.find((c) => c.field === 'notes')).toEqual({ field: 'notes', before: 'CANARY-notes-a', after: 'CANARY-notes-a2' });
    expect((await drafts.get('draft-1'))?.form).toEqual({ draft: { notes: 'CANARY-draft', summary: 'CANARY-draft-summary' } });
    expect((await store.getMeta('enrolment'))?.token).toBe('CANARY-token');
    const [refused] = await store.attentionItems();
    expect(refused?.record.notes).toMatch(/^CANARY-notes-/);
    const exported = await store.exportWaiting();
    expect(exported.attention[0]?.record.source?.name).toMatch(/^CANARY-source-/);
  });

  it('reports a changed ciphertext byte as unreadable protected fields, shows none of them, and refuses to write over them', async () => {
    const { db, store, drafts } = setUp();
    const [record] = await store.createObservations([candidate(sensitive('t'))], TEST_PROFILE);
    if (!record) throw new Error('not created');
    const row = await db.observations.get(record.id);
    const sealed = row?.sealed;
    if (!row || !sealed) throw new Error('no envelope');
    const damaged = sealed.slice();
    damaged[20] = (damaged[20] ?? 0) ^ 0x01;
    await db.observations.put({ ...row, sealed: damaged });

    const read = await store.getObservation(record.id);
    expect(read).toBeDefined();
    expect(protectedFieldsUnreadable(read as Observation)).toBe(true);
    expect(read?.notes).toBeUndefined();
    expect(read?.source?.name).toBeUndefined();
    expect(read?.traffickingIndicators).toBeUndefined();
    // The rest of the record is there.
    expect(read?.summary).toBe('twelve');
    expect(countCanaries(await store.listObservations(), ['CANARY', INDICATOR])).toBe(0);
    await expect(store.updateObservation(record.id, candidate({ summary: 'edited' }), 'Ana')).rejects.toBeInstanceOf(UnreadableRecordError);
    await expect(store.deleteObservation(record.id, 'Ana')).rejects.toBeInstanceOf(UnreadableRecordError);
    // Never pushed without its values (that would clear them on the server).
    expect(await store.syncStore().pendingChanges(10)).toEqual([]);

    await drafts.save('d', null, { notes: 'CANARY-d' });
    const draftRow = await db.drafts.get('d');
    if (!draftRow?.sealed) throw new Error('no draft envelope');
    await db.drafts.put({ ...draftRow, sealed: draftRow.sealed.slice(0, -1) });
    const draft = await drafts.get('d');
    expect(draft?.form).toBeNull();
    expect(protectedFieldsUnreadable(draft as object)).toBe(true);
  });

  it('does not open an envelope moved onto another record', async () => {
    const { db, store } = setUp();
    const [a, b] = await store.createObservations([candidate(sensitive('a')), candidate(sensitive('b'))], TEST_PROFILE);
    if (!a || !b) throw new Error('not created');
    const rowA = await db.observations.get(a.id);
    const rowB = await db.observations.get(b.id);
    if (!rowA || !rowB) throw new Error('no rows');
    await db.observations.put({ ...rowB, sealed: rowA.sealed });
    const moved = await store.getObservation(b.id);
    expect(protectedFieldsUnreadable(moved as Observation)).toBe(true);
    expect(moved?.notes).toBeUndefined();
    expect((await store.getObservation(a.id))?.notes).toBe('CANARY-notes-a');
  });

  it('reads a store only with its own key', async () => {
    const { db, store } = setUp();
    const [record] = await store.createObservations([candidate(sensitive('k'))], TEST_PROFILE);
    const other = new ObservationStore(db, { cipher: freshTestCipher(), now: () => TEST_NOW });
    const read = await other.getObservation(record?.id ?? '');
    expect(protectedFieldsUnreadable(read as Observation)).toBe(true);
    expect(read?.notes).toBeUndefined();
  });

  it('writes a record edited by two writers at once without losing either: the later one computes again over the first', async () => {
    const { store } = setUp();
    const [record] = await store.createObservations([candidate(sensitive('c'))], TEST_PROFILE);
    if (!record) throw new Error('not created');
    await Promise.all([
      store.updateObservation(record.id, candidate({ ...sensitive('c'), notes: 'CANARY-first' }), 'Ana'),
      store.saveReviewed({ ...record, reviewStatus: 'verified', review: { reviewer: 'Vera', reviewedAt: '2026-03-10T12:00:00.000Z', note: null } }, 'Vera'),
    ]);
    const now = await store.getObservation(record.id);
    expect(now?.notes).toBe('CANARY-first');
    expect(now?.reviewStatus).toBe('verified');
    expect((await store.revisionsOf(record.id)).length).toBe(2);
  });
});
