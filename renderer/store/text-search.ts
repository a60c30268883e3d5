/**
 * Free-text search over the summaries of the records a filter already selected.
 *
 * Why this design. The summary is free text of up to 2,000 characters in any script,
 * and it is not in the day index; reading 100,000 full records from IndexedDB takes
 * seconds. The options were:
 * - a word (token) index kept in step with every write: fast to query, but it adds a
 *   write per distinct word to every insert, and the bulk insert is held to 1.3x a raw
 *   IndexedDB put (it is at ~1.26 already); it would also only find whole words or
 *   word starts, while people type parts of names ("presev");
 * - the summary in the day index: every day row read by the map and the list would
 *   carry up to 2,000 characters per record, making every other query slower;
 * - scanning: what is done here. The list first narrows by the day index (period,
 *   kinds, statuses, missions, places), then reads only those candidates' records, a
 *   step at a time, most recently recorded first, so that the caller can show
 *   progress and the first matches at once, and can cancel a stale search
 *   (AbortSignal) when the words or the filter change. The caller debounces typing. A step reads by primary-key
 *   range where the candidates are most of the records (about 3x faster than by key
 *   in Chromium) and by key where a filter left few of them.
 * Scanning costs nothing on writes. To make typing fast after the first search, each
 * record's folded summary is kept in memory (`SummaryCache`): later searches over the
 * same records read nothing from IndexedDB. The cache is dropped record by record as
 * Dexie reports writes (its `storagemutated` event, which it raises for live queries
 * anyway, so the write path pays nothing more).
 */
import { Dexie } from 'dexie';
import type { IntervalTree, ObservabilitySet } from 'dexie';
import { foldText, matchesWords, queryWords } from '../../shared/text/text-match';
import type { Observation } from '../../shared/observations/observation-schema';
import type { RoutewatchDatabase } from './database';
import type { DayIndexRow } from './day-index';

/**
 * Folded summaries held at most, in characters. Folded text is mostly ASCII, which
 * V8 keeps at a byte a character: training summaries average ~135 characters, so
 * 200,000 records take ~27 MB. Beyond the cap new summaries are matched but not kept,
 * and the search reads them again next time.
 */
const MAX_CACHED_CHARS = 40_000_000;

/** The folded summaries of records already read, by record id, for one database. */
export class SummaryCache {
  private readonly folded = new Map<string, string>();
  private chars = 0;
  /** Goes up on every write to the observations; a read that spans a change is not kept. */
  private epoch = 0;
  private readonly part: string;

  constructor(dbName: string) {
    this.part = `idb://${dbName}/observations/`;
    Dexie.on('storagemutated', this.onMutated);
  }

  /** Stop listening for writes (tests; the app keeps its cache for the session). */
  dispose(): void {
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
  }

  get size(): number {
    return this.folded.size;
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  get(id: string): string | undefined {
    return this.folded.get(id);
  }

  /** Keep a folded summary read at `epoch`, unless a write happened since. */
  set(id: string, folded: string, epoch: number): void {
    if (epoch !== this.epoch || this.chars + folded.length > MAX_CACHED_CHARS) return;
    const previous = this.folded.get(id);
    this.chars += folded.length - (previous?.length ?? 0);
    this.folded.set(id, folded);
  }

  clear(): void {
    this.folded.clear();
    this.chars = 0;
  }

  private readonly onMutated = (parts: ObservabilitySet): void => {
    const tree = parts[this.part];
    if (tree === undefined) return;
    this.epoch += 1;
    // Dexie lists the keys of small writes one by one, and marks a bulk write (50
    // records or more) or a range delete as a range: then drop everything.
    const keys: string[] = [];
    if (!collectKeys(tree, keys)) {
      this.clear();
      return;
    }
    for (const key of keys) {
      const previous = this.folded.get(key);
      if (previous === undefined) continue;
      this.chars -= previous.length;
      this.folded.delete(key);
    }
  };
}

/** The single keys of a Dexie interval tree; false when it holds a range of keys. */
function collectKeys(tree: IntervalTree, into: string[]): boolean {
  if (!('from' in tree)) return true;
  if (tree.from !== tree.to || typeof tree.from !== 'string') return false;
  into.push(tree.from);
  return (!tree.l || collectKeys(tree.l, into)) && (!tree.r || collectKeys(tree.r, into));
}

const caches = new WeakMap<RoutewatchDatabase, SummaryCache>();

/** The summary cache of a database, made on first use. */
export function summaryCacheFor(db: RoutewatchDatabase): SummaryCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SummaryCache(db.name);
    caches.set(db, cache);
  }
  return cache;
}

export interface SummarySearchProgress {
  /** Candidates looked at so far, of `total`. */
  done: number;
  total: number;
  /** How many matched so far. */
  matched: number;
  /** One byte per candidate, in the order of `ids`: 1 when its summary matches. Filled as the search goes. */
  mask: Uint8Array;
  /** Records read from IndexedDB (the rest came from the cache); a range read counts every record it returned. */
  read: number;
}

export interface SummarySearchOptions {
  /** Cancels the search: the promise rejects with the signal's reason and no more progress is reported. */
  signal?: AbortSignal;
  /** Candidates not in memory read per step (default 1,000), after which progress is reported. */
  chunkSize?: number;
  /** Called after each step and once at the end, with the search so far (the same `mask` array each time). */
  onProgress?: (progress: SummarySearchProgress) => void;
  /** Defaults to the database's shared cache. */
  cache?: SummaryCache;
}

/** The candidates of a search: what the day index filter left. */
export type SearchCandidates = Pick<DayIndexRow, 'ids'>;

/**
 * A range read returns every record between two keys, candidates or not; it is used
 * while it returns at most this many records per candidate. Measured in Chromium over
 * 100,000 records: reading by key ranges, 1,000 records a request, costs about a third
 * of reading the same records one key at a time, so a range up to 3x larger still pays.
 */
const RANGE_READ_MAX_RATIO = 3;
/** Below this many records a step reads by key: counting the range would cost more than it saves. */
const RANGE_READ_MIN = 64;

/**
 * Which candidates have a summary holding every word of `query` (see
 * shared/text/text-match.ts: case, diacritics and Serbian/Macedonian script do not
 * matter). An empty query matches all. A record deleted meanwhile does not match.
 *
 * Candidates are looked at in descending id order, a step of `chunkSize` records not
 * yet in memory at a time. Ids are UUIDv7, made when a record is made, so this is
 * the most recently recorded first: close to the list's newest-first order, so that
 * its top fills first. A step reads its records with one primary-key range when the
 * range holds few other records (the usual case: only the period filters), and by key
 * otherwise (a narrow filter: a place, a mission).
 */
export async function searchSummaries(
  db: RoutewatchDatabase,
  candidates: SearchCandidates,
  query: string,
  options: SummarySearchOptions = {},
): Promise<SummarySearchProgress> {
  const { signal, onProgress } = options;
  const { ids } = candidates;
  const chunkSize = Math.max(1, options.chunkSize ?? 1000);
  const cache = options.cache ?? summaryCacheFor(db);
  const words = queryWords(query);
  const progress: SummarySearchProgress = { done: 0, total: ids.length, matched: 0, mask: new Uint8Array(ids.length), read: 0 };
  signal?.throwIfAborted();
  if (words.length === 0) {
    progress.mask.fill(1);
    progress.done = progress.matched = ids.length;
    onProgress?.(progress);
    return progress;
  }

  const look = (position: number, folded: string) => {
    progress.done += 1;
    if (matchesWords(folded, words)) {
      progress.mask[position] = 1;
      progress.matched += 1;
    }
  };

  /** Read the summaries of `positions` (descending ids), fold, keep and match them. */
  const readStep = async (positions: readonly number[]) => {
    const epoch = cache.currentEpoch;
    const wanted = new Map<string, number>();
    for (const position of positions) wanted.set(ids[position] ?? '', position);
    let records: (Observation | undefined)[] | null = null;
    const highest = ids[positions[0] ?? 0];
    const lowest = ids[positions[positions.length - 1] ?? 0];
    if (positions.length >= RANGE_READ_MIN && highest !== undefined && lowest !== undefined) {
      const range = db.observations.where('id').between(lowest, highest, true, true);
      if ((await range.count()) <= positions.length * RANGE_READ_MAX_RATIO) {
        signal?.throwIfAborted();
        records = await range.toArray();
      }
      signal?.throwIfAborted();
    }
    records ??= await db.observations.bulkGet([...wanted.keys()]);
    signal?.throwIfAborted();
    progress.read += records.length;
    for (const record of records) {
      const position = record ? wanted.get(record.id) : undefined;
      if (!record || position === undefined) continue;
      wanted.delete(record.id);
      if (record.deleted) {
        progress.done += 1;
        continue;
      }
      const folded = foldText(record.summary);
      cache.set(record.id, folded, epoch);
      look(position, folded);
    }
    // Candidates no longer stored (none, unless removed meanwhile) count as looked at.
    progress.done += wanted.size;
  };

  // Summaries already in memory are matched on the way; the others are read a step at a time.
  let pending: number[] = [];
  for (const position of byIdDescending(ids)) {
    const folded = cache.get(ids[position] ?? '');
    if (folded !== undefined) {
      look(position, folded);
      continue;
    }
    pending.push(position);
    if (pending.length >= chunkSize) {
      await readStep(pending);
      pending = [];
      onProgress?.(progress);
    }
  }
  if (pending.length > 0) await readStep(pending);
  onProgress?.(progress);
  return progress;
}

/** Positions of `ids`, highest id first. */
function byIdDescending(ids: readonly string[]): Uint32Array {
  const order = new Uint32Array(ids.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => {
    const x = ids[a] ?? '';
    const y = ids[b] ?? '';
    return x < y ? 1 : x > y ? -1 : 0;
  });
}
