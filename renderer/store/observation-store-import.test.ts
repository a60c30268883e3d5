import 'fake-indexeddb/auto';
// eslint-disable-next-line no-restricted-imports -- the test reads the committed fixture bytes; it runs under Vitest in Node
import { readFileSync } from 'node:fs';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_DEFAULTS, guessColumns } from '../../shared/import/import-fields';
import { planImport } from '../../shared/import/import-rows';
import { createPlaceMatcher } from '../../shared/import/place-matcher';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { decodeText, detectEncoding } from '../import/detect-encoding';
import { parseCsvRows, readCsvHead } from '../import/parse-csv';
import { runImport } from '../import/run-import';
import { TEST_NOW, TEST_PROFILE, freshStore } from '../../test-support/renderer/store-test-fixtures';

/** The bytes of a fixture of tests/fixtures/import (written by its make-fixtures.mjs). */
const importFixture = (file: string): Uint8Array => new Uint8Array(readFileSync(`${import.meta.dirname}/../../tests/fixtures/import/${file}`));

const { places } = parseGazetteerCsv(gazetteerCsv);

async function planOf(file: string, office = 'RS-BEL') {
  const bytes = importFixture(file);
  const text = decodeText(bytes, detectEncoding(bytes).encoding);
  const { delimiter } = readCsvHead(text, null);
  const { columns, rows } = await parseCsvRows(text, { delimiter });
  const mapping = { columns: guessColumns(columns), defaults: DEFAULT_IMPORT_DEFAULTS, places: {} };
  return planImport(rows, { mapping, matcher: createPlaceMatcher(places), placesById: new Map(places.map((p) => [p.id, p])), office, nowMs: TEST_NOW });
}

describe('importing through the store', () => {
  it('writes each record with its outbox row, as the current user, and a second import of the file adds nothing', async () => {
    const store = freshStore();
    const plan = await planOf('windows-1250.csv');
    expect(plan.ready).toHaveLength(4);
    expect(plan.rejected).toEqual([]);
    const first = await runImport(store, plan.ready, TEST_PROFILE);
    expect(first).toEqual({ added: 4, present: 0, cancelled: false });
    const records = await store.db.observations.toArray();
    expect(records.map((r) => r.placeId).sort()).toEqual(['mk-gevgelija', 'rs-horgos', 'rs-presevo', 'rs-sid']);
    expect(records.every((r) => r.author === 'Ana' && r.office === 'RS-BEL' && r.kind === 'secondary_source' && r.counts?.method === 'official_figure')).toBe(true);
    expect((await store.db.outbox.toArray()).flatMap((row) => row.entries.map((e) => e.recordId)).sort()).toEqual(records.map((r) => r.id).sort());
    expect(await store.pendingCount()).toBe(4);

    const again = await runImport(store, (await planOf('windows-1250.csv')).ready, TEST_PROFILE);
    expect(again).toEqual({ added: 0, present: 4, cancelled: false });
    expect(await store.db.observations.count()).toBe(4);
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('the same rows sent again in another file and encoding (ISO-8859-2, UTF-16) add nothing either', async () => {
    const store = freshStore();
    await runImport(store, (await planOf('windows-1250.csv')).ready, TEST_PROFILE);
    const iso = await runImport(store, (await planOf('iso-8859-2.csv')).ready, TEST_PROFILE);
    expect(iso).toEqual({ added: 0, present: 4, cancelled: false });
    // The UTF-16 file holds the same four rows and three in Cyrillic that repeat three of them.
    const utf16 = await planOf('utf16le.csv');
    expect(utf16.repeated).toHaveLength(3);
    expect(await runImport(store, utf16.ready, TEST_PROFILE)).toEqual({ added: 0, present: 4, cancelled: false });
    expect(await store.db.observations.count()).toBe(4);
  });

  it('tells which ids it holds before anything is written, and a deleted record still counts as imported', async () => {
    const store = freshStore();
    const plan = await planOf('utf8.csv');
    expect(await store.heldIds(plan.ready.map((r) => r.id))).toEqual(new Set());
    await runImport(store, plan.ready.slice(0, 1), TEST_PROFILE);
    const first = plan.ready[0]?.id ?? '';
    await store.deleteObservation(first, 'Ana');
    expect(await store.heldIds(plan.ready.map((r) => r.id))).toEqual(new Set([first]));
    expect(await runImport(store, plan.ready, TEST_PROFILE)).toMatchObject({ added: plan.ready.length - 1, present: 1 });
  });

  it('stops between batches when cancelled, keeping whole batches: the one under way when the cancel came is finished', async () => {
    const store = freshStore();
    const plan = await planOf('utf8.csv');
    expect(plan.ready).toHaveLength(4);
    const controller = new AbortController();
    // Cancelled when the first batch is written: the second was already being written beside it; the third and fourth are not begun.
    const outcome = await runImport(store, plan.ready, TEST_PROFILE, { batch: 1, signal: controller.signal, onProgress: () => controller.abort() });
    expect(outcome).toEqual({ added: 2, present: 0, cancelled: true });
    expect(await store.db.observations.count()).toBe(2);
    expect(await store.pendingCount()).toBe(2);
  });

  it('a batch that fails lets the one begun behind it end whole, then tells the failure; nothing after it is begun', async () => {
    const store = freshStore();
    const plan = await planOf('utf8.csv');
    let calls = 0;
    const failing = {
      importObservations: (items: Parameters<typeof store.importObservations>[0], profile: typeof TEST_PROFILE) => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('disk full')) : store.importObservations(items, profile);
      },
    };
    await expect(runImport(failing, plan.ready, TEST_PROFILE, { batch: 1 })).rejects.toThrow('disk full');
    expect(calls).toBe(2);
    expect(await store.db.observations.count()).toBe(1);
  });

  it('tells when a batch is handed to IndexedDB, once and before it is committed', async () => {
    const store = freshStore();
    const plan = await planOf('utf8.csv');
    const events: string[] = [];
    const items = plan.ready.map((row) => ({ id: row.id, candidate: row.candidate }));
    await store.importObservations(items, TEST_PROFILE, { onIssued: () => events.push('issued') }).then(() => events.push('committed'));
    expect(events).toEqual(['issued', 'committed']);
    expect(await store.db.observations.count()).toBe(items.length);
  });

  it('an enrolled device imports as the enrolled user and office, whatever the profile says', async () => {
    const store = freshStore();
    await store.setMeta('enrolment', { deviceId: 'dev-1', token: 't', office: 'RS-SUB', serverUrl: 'http://127.0.0.1:1', userName: 'Marko', role: 'hq_analyst', enrolledAt: '2026-03-01T00:00:00.000Z' });
    const [ready] = (await planOf('utf8.csv', 'RS-SUB')).ready;
    const [record] = await store.importObservations([{ id: ready?.id ?? '', candidate: ready?.candidate }], TEST_PROFILE);
    expect(record).toMatchObject({ author: 'Marko', office: 'RS-SUB' });
  });
});
