/**
 * `import.csv.100k`: a partner's CSV of `count` rows through the whole import path in
 * Chromium, as the Import screen takes it: encoding detection and decoding on the page;
 * in the import worker, PapaParse in chunks, mapping, place and nationality matching,
 * validation by the shared rules and content ids (the report); the held-id check; then
 * the ready records from the worker batch by batch through the store's writer with
 * outbox rows. Beside `rawPut` (store-bench.ts) putting as many records with the raw
 * IndexedDB API. Figures only, no pass/fail.
 */
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { DEFAULT_IMPORT_DEFAULTS, guessColumns } from '../../shared/import/import-fields';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { decodeText, detectEncoding } from '../import/detect-encoding';
import { createImportPlanner } from '../import/import-planner';
import { readCsvHead } from '../import/parse-csv';
import { runImport } from '../import/run-import';
import { openDatabase } from '../store/database';
import { ObservationStore } from '../store/observation-store';
import { deleteDatabase } from './store-bench';
import { benchCipher } from './bench-cipher';

const PLACES = ['Preševo', 'Šid', 'Đevđelija', 'Прешево', 'TABANOVCE', 'Horgoš', 'Bihać', 'Tovarnik'];
const DIRECTIONS = ['incoming', 'outgoing', 'Ulaz', 'Izlaz'];
/** Codes and words, as partners write them. */
const NATIONALITIES = ['SYR', 'Afghanistan', 'Iračani', 'PAK', 'Сирија', 'stateless'];
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
 * stored, and the milliseconds of each step (read: detect, decode, the header; plan: in
 * the worker, parse, map, match, validate, ids; held: the ids already present; write:
 * the worker's batches through the store).
 */
/** `batch`: records per transaction (run-import.ts's by default), to compare sizes. */
export async function importCsv(count: number, batch?: number): Promise<[number, number, { read: number; plan: number; held: number; write: number }]> {
  const bytes = officialFiguresCsv(count);
  const { places } = parseGazetteerCsv(gazetteerCsv);
  const name = `bench-import-${count}-${Date.now()}`;
  const store = new ObservationStore(openDatabase(name), { cipher: await benchCipher() });
  await store.localDeviceId();
  const profile = { author: 'Bench', office: 'RS-BEL' };
  const started = performance.now();
  const text = decodeText(bytes, detectEncoding(bytes).encoding);
  const { delimiter, columns } = readCsvHead(text, null);
  const read = performance.now();
  const mapping = { columns: guessColumns(columns), defaults: DEFAULT_IMPORT_DEFAULTS, places: {} };
  const planner = createImportPlanner();
  const report = await planner.plan({ kind: 'csv', text, delimiter }, mapping, profile.office, places);
  const planned = performance.now();
  const held = await store.heldIds(report.readyIds);
  const checked = performance.now();
  const outcome = await runImport(store, { total: report.readyIds.length, batch: (start, size) => planner.batch(start, size) }, profile, { held, ...(batch === undefined ? {} : { batch }) });
  planner.cancel();
  const elapsed = performance.now() - started;
  store.db.close();
  await deleteDatabase(name);
  const steps = { read: read - started, plan: planned - read, held: checked - planned, write: started + elapsed - checked };
  return [elapsed, outcome.added, steps];
}
