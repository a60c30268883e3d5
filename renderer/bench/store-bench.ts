/**
 * In-browser benchmarks of the store, each beside a raw IndexedDB baseline doing the
 * same work in the same page: figures only, no pass/fail.
 */
import type { ObservationInput } from '../../shared/observations/observation-schema';
import { DEFAULT_DATABASE_NAME, openDatabase } from '../store/database';
import { ObservationStore } from '../store/observation-store';
import { benchCipher } from './bench-cipher';

const KINDS = ['group_sighting', 'point_count', 'incident'] as const;
const PLACES = ['rs-presevo', 'mk-tabanovce', 'rs-sid', 'ba-bihac', 'hr-tovarnik'];
/** Records per write call: what an import or a sync page hands the store at once. */
const BATCH = 500;

export function sampleInputs(count: number, startMs: number): ObservationInput[] {
  const inputs: ObservationInput[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length] ?? 'group_sighting';
    inputs.push({
      kind,
      ...(kind === 'incident' ? { incident: { type: 'pushback', actor: 'state', dead: null, injured: null, missing: null } } : {}),
      observedStart: new Date(startMs - i * 60_000).toISOString(),
      placeId: PLACES[i % PLACES.length] ?? null,
      location: null,
      locationMethod: 'gazetteer',
      totalPersons: (i * 7) % 300,
      summary: `Group observed near the crossing, record ${i}. `.repeat(6),
    });
  }
  return inputs;
}

/** Remove a bench's database, so that each run starts empty. */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      resolve();
    };
    request.onerror = () => {
      reject(request.error ?? new Error('deleteDatabase failed'));
    };
  });
}

/** Milliseconds to insert `count` observations through the data layer (record + outbox). */
export async function storeInsert(count: number): Promise<number> {
  const name = `bench-store-${count}-${Date.now()}`;
  const store = new ObservationStore(openDatabase(name), { cipher: await benchCipher() });
  await store.localDeviceId();
  const inputs = sampleInputs(count, Date.now());
  const profile = { author: 'Bench', office: 'RS-BEL' };
  const started = performance.now();
  for (let i = 0; i < inputs.length; i += BATCH) {
    await store.createObservations(inputs.slice(i, i + BATCH), profile);
  }
  const elapsed = performance.now() - started;
  store.db.close();
  await deleteDatabase(name);
  return elapsed;
}

/**
 * Milliseconds to put the same records with the raw IndexedDB API into an object
 * store with the same indexes as the app's `observations` table (database.ts, latest
 * version), in transactions of the same size.
 */
export async function rawPut(count: number): Promise<number> {
  const name = `bench-raw-${count}-${Date.now()}`;
  // Build the records exactly as the store stores them, outside the timed part.
  const scratch = new ObservationStore(openDatabase(`${name}-scratch`), { cipher: await benchCipher() });
  const records = await scratch.createObservations(sampleInputs(count, Date.now()), { author: 'Bench', office: 'RS-BEL' });
  scratch.db.close();
  await deleteDatabase(`${name}-scratch`);

  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const os = request.result.createObjectStore('observations', { keyPath: 'id' });
      os.createIndex('observedStart', 'observedStart');
      os.createIndex('kind', 'kind');
      os.createIndex('placeId', 'placeId');
      os.createIndex('reviewStatus', 'reviewStatus');
      os.createIndex('office', 'office');
      os.createIndex('mission', 'mission');
      os.createIndex('kind_observedStart', ['kind', 'observedStart']);
      os.createIndex('reviewStatus_observedStart', ['reviewStatus', 'observedStart']);
    };
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
  const started = performance.now();
  for (let i = 0; i < records.length; i += BATCH) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('observations', 'readwrite');
      const os = tx.objectStore('observations');
      for (const record of records.slice(i, i + BATCH)) os.put(record);
      tx.oncomplete = () => {
        resolve();
      };
      tx.onerror = () => {
        reject(tx.error ?? new Error('transaction failed'));
      };
    });
  }
  const elapsed = performance.now() - started;
  db.close();
  await deleteDatabase(name);
  return elapsed;
}


/**
 * The query and start-up benchmarks use the app's own database (same origin as the
 * app in the bench run), so that the app opened afterwards finds the records.
 */
const LARGE_DB = DEFAULT_DATABASE_NAME;

/**
 * Fill the shared large database with `count` observations through the data layer,
 * over about 300 days with all seven kinds. Returns the milliseconds it took.
 */
export async function fillLarge(count: number): Promise<number> {
  await deleteDatabase(LARGE_DB);
  const store = new ObservationStore(openDatabase(LARGE_DB), { cipher: await benchCipher() });
  await store.localDeviceId();
  const kinds = ['group_sighting', 'point_count', 'site_snapshot', 'border_status', 'route_report', 'secondary_source', 'point_count', 'group_sighting', 'point_count', 'route_report'] as const;
  const startMs = Date.parse('2016-01-01T00:00:00.000Z');
  const step = (300 * 86_400_000) / count;
  const profile = { author: 'Bench', office: 'RS-BEL' };
  const started = performance.now();
  for (let i = 0; i < count; i += BATCH) {
    const batch: ObservationInput[] = [];
    for (let j = i; j < Math.min(count, i + BATCH); j++) {
      batch.push({
        kind: kinds[j % kinds.length] ?? 'point_count',
        observedStart: new Date(startMs + j * step).toISOString(),
        placeId: PLACES[j % PLACES.length] ?? null,
        location: null,
        locationMethod: 'gazetteer',
        totalPersons: (j * 7) % 300,
        summary: `Group observed near the crossing, record ${j}. `.repeat(6),
      });
    }
    await store.createObservations(batch, profile);
  }
  const elapsed = performance.now() - started;
  store.db.close();
  return elapsed;
}

/**
 * The filter both sides of the query benchmark answer: the first half of the 300 days
 * and one kind that is 2 in 10 of the mix, so 10% of the records.
 */
const QUERY = { from: '2016-01-01T00:00:00.000Z', to: '2016-05-30T00:00:00.000Z', kind: 'group_sighting' as const };

/** Milliseconds for the list's query (period + kind) through the compact index; returns [ms, rows]. */
export async function storeQuery(): Promise<[number, number]> {
  const store = new ObservationStore(openDatabase(LARGE_DB), { cipher: await benchCipher() });
  await store.db.open();
  const started = performance.now();
  const result = await store.queryIndex({ from: QUERY.from, to: QUERY.to, kinds: [QUERY.kind] });
  const elapsed = performance.now() - started;
  store.db.close();
  return [elapsed, result.ids.length];
}

/**
 * Milliseconds to read the same rows with the raw IndexedDB API: a range over the
 * observedStart index, the kind picked out on the page (the store dropped its
 * [kind+observedStart] index at v7: the list reads the day index). Returns [ms, rows].
 */
export async function rawQuery(): Promise<[number, number]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(LARGE_DB);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
  const started = performance.now();
  const rows = await new Promise<unknown[]>((resolve, reject) => {
    const tx = db.transaction('observations', 'readonly');
    const index = tx.objectStore('observations').index('observedStart');
    const request = index.getAll(IDBKeyRange.bound(QUERY.from, QUERY.to, false, true));
    request.onsuccess = () => {
      resolve((request.result as { kind: string; deleted: boolean }[]).filter((row) => row.kind === QUERY.kind && !row.deleted));
    };
    request.onerror = () => {
      reject(request.error ?? new Error('getAll failed'));
    };
  });
  const elapsed = performance.now() - started;
  db.close();
  return [elapsed, rows.length];
}
