/**
 * `import.csv.100k`: a partner's CSV of `count` rows through the whole import path in
 * Chromium (encoding detection and decoding, PapaParse in chunks, mapping, place
 * matching, validation by the shared rules, content ids, the held-id check, and the
 * store's writer with outbox rows), beside `rawPut` (store-bench.ts) putting as many
 * records with the raw IndexedDB API. Figures only, no pass/fail.
 */
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { DEFAULT_IMPORT_DEFAULTS, guessColumns } from '../../shared/import/import-fields';
import { planImport } from '../../shared/import/import-rows';
import { createPlaceMatcher } from '../../shared/import/place-matcher';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { decodeText, detectEncoding } from '../import/detect-encoding';
import { parseCsvRows, readCsvHead } from '../import/parse-csv';
import { runImport } from '../import/run-import';
import { openDatabase } from '../store/database';
import { ObservationStore } from '../store/observation-store';
import { deleteDatabase } from './store-bench';

const PLACES = ['Preševo', 'Šid', 'Đevđelija', 'Прешево', 'TABANOVCE', 'Horgoš', 'Bihać', 'Tovarnik'];
const DIRECTIONS = ['incoming', 'outgoing', 'Ulaz', 'Izlaz'];
const NATIONALITIES = ['SYR', 'AFG', 'IRQ', 'PAK'];
const DAY_MS = 86_400_000;

/** A semicolon-separated official-figures file: every row a distinct figure (so nothing is a repeat). */
export function officialFiguresCsv(count: number): Uint8Array {
  const start = Date.UTC(2015, 6, 1);
  const lines = ['Datum;Mesto;Broj osoba;Smer;Državljanstvo;Izvor'];
  for (let i = 0; i < count; i++) {
    const day = new Date(start + (i % 900) * DAY_MS);
    const date = `${day.getUTCDate()}.${day.getUTCMonth() + 1}.${day.getUTCFullYear()}`;
    lines.push(`${date};${PLACES[i % PLACES.length] ?? ''};${100 + i};${DIRECTIONS[i % DIRECTIONS.length] ?? ''};${NATIONALITIES[i % NATIONALITIES.length] ?? ''};Ministarstvo unutrašnjih poslova`);
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/**
 * Milliseconds from the file's bytes to every row stored and queued, how many were
 * stored, and the milliseconds of each step (read: detect, decode, parse; plan: map,
 * match, validate, ids; held: the ids already present; write: the store).
 */
export async function importCsv(count: number): Promise<[number, number, { read: number; plan: number; held: number; write: number }]> {
  const bytes = officialFiguresCsv(count);
  const { places } = parseGazetteerCsv(gazetteerCsv);
  const name = `bench-import-${count}-${Date.now()}`;
  const store = new ObservationStore(openDatabase(name));
  await store.localDeviceId();
  const profile = { author: 'Bench', office: 'RS-BEL' };
  const started = performance.now();
  const text = decodeText(bytes, detectEncoding(bytes).encoding);
  const { delimiter } = readCsvHead(text, null);
  const { columns, rows } = await parseCsvRows(text, { delimiter });
  const read = performance.now();
  const mapping = { columns: guessColumns(columns), defaults: DEFAULT_IMPORT_DEFAULTS, places: {} };
  const plan = planImport(rows, { mapping, matcher: createPlaceMatcher(places), placesById: new Map(places.map((p) => [p.id, p])), office: profile.office, nowMs: Date.now() });
  const planned = performance.now();
  const held = await store.heldIds(plan.ready.map((row) => row.id));
  const checked = performance.now();
  const outcome = await runImport(store, plan.ready.filter((row) => !held.has(row.id)), profile);
  const elapsed = performance.now() - started;
  store.db.close();
  await deleteDatabase(name);
  const steps = { read: read - started, plan: planned - read, held: checked - planned, write: started + elapsed - checked };
  return [elapsed, outcome.added, steps];
}
