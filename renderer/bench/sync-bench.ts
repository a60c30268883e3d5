/**
 * Sync figures in the page, for `npm run bench -- --only sync` (scripts/bench-sync.mjs):
 * - syncRoundtrip: records made on device A (untimed), then timed: A pushes its whole
 *   outbox through the real server, and a fresh device B pulls them all, each through
 *   the app's own store, engine and HTTP transport. The request bodies are counted as
 *   sent (compressed when the transport compresses) for bytes per observation.
 * - pouchReplicate: the same documents (A's stored records) in a PouchDB of this page,
 *   replicated to a PouchDB server on loopback and down to a second PouchDB: the
 *   baseline the issue names.
 */
import PouchDB from 'pouchdb-browser';
import type { Observation } from '../../shared/observations/observation-schema';
import { runSyncRound } from '../../shared/sync/sync-engine';
import type { SyncStore, SyncTransport } from '../../shared/sync/sync-engine';
import { openDatabase } from '../store/database';
import { ObservationStore } from '../store/observation-store';
import { createHttpTransport } from '../sync/http-transport';
import type { FetchLike } from '../sync/http-transport';
import { deleteDatabase, sampleInputs } from './store-bench';
import { benchCipher } from './bench-cipher';

const BATCH = 500;

/** The records the last syncRoundtrip made, for the PouchDB side of the same run. */
let lastRecords: Observation[] = [];

/** Bytes of a request body as it goes on the wire (the transport sends text or bytes). */
function bodyBytes(body: BodyInit | null | undefined): number {
  if (body === null || body === undefined) return 0;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  if (body instanceof Blob) return body.size;
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  throw new Error('a request body of a kind the bench cannot count');
}

export interface RoundtripInput {
  serverUrl: string;
  tokenA: string;
  tokenB: string;
  office: string;
  userName: string;
  count: number;
}

export interface RoundtripResult {
  ms: number;
  /** Of which A's push, and B's pull. */
  pushMs: number;
  pullMs: number;
  pushRequestBytes: number;
  pushed: number;
  pulled: number;
  /** Records device B holds at the end: must equal `count`. */
  heldOnB: number;
  /** Milliseconds spent in each store and transport call, summed: where the time goes. */
  spent: Record<string, number>;
}

/** The same store and transport, adding each call's time to `spent` under its name. */
function timed<T extends object>(target: T, prefix: string, spent: Record<string, number>): T {
  const wrapped: Record<string, unknown> = {};
  for (const key of Object.keys(target) as (keyof T & string)[]) {
    const value = target[key];
    if (typeof value !== 'function') continue;
    wrapped[key] = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      } finally {
        const name = `${prefix}.${key}`;
        spent[name] = (spent[name] ?? 0) + performance.now() - t0;
      }
    };
  }
  return wrapped as T;
}

async function enrolledStore(name: string, input: RoundtripInput, token: string): Promise<ObservationStore> {
  const store = new ObservationStore(openDatabase(name), { cipher: await benchCipher() });
  const localDeviceId = await store.localDeviceId();
  await store.setMeta('enrolment', {
    serverUrl: input.serverUrl,
    token,
    deviceId: localDeviceId,
    office: input.office,
    role: 'field_monitor',
    userName: input.userName,
    enrolledAt: new Date().toISOString(),
  });
  await store.setMeta('profile', { author: input.userName, office: input.office });
  return store;
}

export async function syncRoundtrip(input: RoundtripInput): Promise<RoundtripResult> {
  const tag = `${Date.now()}`;
  const a = await enrolledStore(`bench-sync-a-${tag}`, input, input.tokenA);
  const b = await enrolledStore(`bench-sync-b-${tag}`, input, input.tokenB);
  const inputs = sampleInputs(input.count, Date.now() - 3_600_000);
  const profile = { author: input.userName, office: input.office };
  for (let i = 0; i < inputs.length; i += BATCH) await a.createObservations(inputs.slice(i, i + BATCH), profile);
  lastRecords = await a.db.observations.toArray();

  let pushRequestBytes = 0;
  const counting: FetchLike = async (url, init) => {
    if (init?.method === 'POST') pushRequestBytes += bodyBytes(init.body);
    return fetch(url, init);
  };
  const server = new URL(input.serverUrl);
  const spent: Record<string, number> = {};
  const started = performance.now();
  const pushedRound = await runSyncRound(
    timed<SyncStore>(a.syncStore(), 'A', spent),
    timed<SyncTransport>(createHttpTransport(counting, server, input.tokenA), 'A', spent),
  );
  const pushMs = performance.now() - started;
  const pulledRound = await runSyncRound(timed<SyncStore>(b.syncStore(), 'B', spent), timed<SyncTransport>(createHttpTransport(fetch, server, input.tokenB), 'B', spent));
  const ms = performance.now() - started;
  const heldOnB = await b.db.observations.count();
  a.db.close();
  b.db.close();
  await deleteDatabase(`bench-sync-a-${tag}`);
  await deleteDatabase(`bench-sync-b-${tag}`);
  return { ms, pushMs, pullMs: ms - pushMs, pushRequestBytes, pushed: pushedRound.pushed, pulled: pulledRound.pulled, heldOnB, spent };
}

export interface PouchResult {
  ms: number;
  heldOnB: number;
}

/** The last roundtrip's records through PouchDB: local -> server -> second local. */
export async function pouchReplicate(couchUrl: string): Promise<PouchResult> {
  if (lastRecords.length === 0) throw new Error('run syncRoundtrip first: the baseline replicates its records');
  const tag = `${Date.now()}`;
  const a = new PouchDB(`bench-pouch-a-${tag}`);
  const b = new PouchDB(`bench-pouch-b-${tag}`);
  const docs = lastRecords.map((record) => ({ ...record, _id: record.id }));
  for (let i = 0; i < docs.length; i += BATCH) await a.bulkDocs(docs.slice(i, i + BATCH));
  const remote = `${couchUrl.replace(/\/$/, '')}/obs-${tag}`;
  const started = performance.now();
  await a.replicate.to(remote, { batch_size: BATCH });
  await b.replicate.from(remote, { batch_size: BATCH });
  const ms = performance.now() - started;
  const heldOnB = (await b.info()).doc_count;
  await a.destroy();
  await b.destroy();
  return { ms, heldOnB };
}
