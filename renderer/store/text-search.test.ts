import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { SummaryCache, searchSummaries } from './text-search';
import type { SearchCandidates, SummarySearchProgress } from './text-search';
import { MARCH_2026, TEST_PROFILE, candidate } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

let n = 0;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const profile = TEST_PROFILE;
const march = MARCH_2026;
const input = (summary: string, patch: Record<string, unknown> = {}) => candidate({ summary, ...patch });

const caches: SummaryCache[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.dispose();
});

/** `i` minutes before the first record's time: records made in order are oldest last. */
function minutesBefore(i: number): string {
  return new Date(Date.parse('2026-03-10T11:00:00.000Z') - i * 60_000).toISOString();
}

/** A store holding `summaries` (the i-th observed i minutes before the first), and a cache of its own for the test. */
async function storeWith(summaries: readonly string[]) {
  const store = new ObservationStore(openDatabase(`text-search-${++n}`), { cipher: testCipher(), now: () => NOW });
  const records = await store.createObservations(
    summaries.map((s, i) => input(s, { observedStart: minutesBefore(i) })),
    profile,
  );
  const cache = new SummaryCache(store.db.name);
  caches.push(cache);
  const ids = records.map((r) => r.id);
  return { store, ids, candidates: candidatesOf(records), cache };
}

function candidatesOf(records: readonly { id: string }[]): SearchCandidates {
  return { ids: records.map((r) => r.id) };
}

function matchedIds(ids: readonly string[], progress: SummarySearchProgress): string[] {
  return ids.filter((_, i) => progress.mask[i] === 1);
}

describe('searching summaries', () => {
  it('finds every word, whatever the case, diacritics and script, among the given records only', async () => {
    const { store, ids, candidates, cache } = await storeWith([
      'Group of 12 near Preševo, one žena with a baby',
      'Група код Прешева, жена и деца',
      'Preševo: men only',
      'Tabanovce, <b>zena</b> waiting',
    ]);
    const all = await searchSummaries(store.db, candidates, 'presev ZENA', { cache });
    expect(matchedIds(ids, all)).toEqual([ids[0], ids[1]]);
    expect(all).toMatchObject({ done: 4, total: 4, matched: 2 });

    // Only the candidates the caller passes (what the day index filter left) are looked at.
    const some = { ids: candidates.ids.slice(1) };
    expect(matchedIds(some.ids, await searchSummaries(store.db, some, 'presev zena', { cache }))).toEqual([ids[1]]);
    expect(matchedIds(ids, await searchSummaries(store.db, candidates, '<b>zena</b>', { cache }))).toEqual([ids[3]]);
    expect((await searchSummaries(store.db, candidates, 'lesnovo', { cache })).matched).toBe(0);
  });

  it('matches everything, reading nothing, for an empty query', async () => {
    const { store, candidates, cache } = await storeWith(['a', 'b']);
    const result = await searchSummaries(store.db, candidates, '  ', { cache });
    expect([...result.mask]).toEqual([1, 1]);
    expect(result.read).toBe(0);
  });

  it('looks at the most recently recorded first (highest id), a step at a time, reporting progress after each', async () => {
    const summaries = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? `even ${i}` : `odd ${i}`));
    const { store, ids, candidates, cache } = await storeWith(summaries);
    const highestFirst = ids.map((_, i) => i).sort((a, b) => ((ids[b] ?? '') < (ids[a] ?? '') ? -1 : 1));
    const reports: { done: number; matched: number[] }[] = [];
    const result = await searchSummaries(store.db, candidates, 'even', {
      cache,
      chunkSize: 3,
      onProgress: (p) => reports.push({ done: p.done, matched: ids.map((_, i) => i).filter((i) => p.mask[i] === 1) }),
    });
    expect(reports.map((r) => r.done)).toEqual([3, 6, 9, 10]);
    // After each step, what matched is exactly the even records among those with the highest ids.
    reports.forEach((report, step) => {
      const seen = highestFirst.slice(0, Math.min(10, (step + 1) * 3));
      expect(report.matched).toEqual(seen.filter((i) => i % 2 === 0).sort((a, b) => a - b));
    });
    expect(matchedIds(ids, result)).toEqual([0, 2, 4, 6, 8].map((i) => ids[i]));
    expect(result.read).toBe(10);
  });

  it('reads a dense step by key range and a sparse one key by key, with the same result', async () => {
    const summaries = Array.from({ length: 240 }, (_, i) => (i % 3 === 0 ? `wanted ${i}` : `other ${i}`));
    const { store, ids } = await storeWith(summaries);
    const records = ids.map((id) => ({ id }));
    const freshCache = () => {
      const cache = new SummaryCache(store.db.name);
      caches.push(cache);
      return cache;
    };
    const expected = (picked: readonly number[]) => picked.filter((i) => i % 3 === 0).map((i) => ids[i]);

    // Every other record a candidate: the key range holds twice the candidates, so one range read per step.
    const dense = records.filter((_, i) => i % 2 === 0);
    const denseResult = await searchSummaries(store.db, candidatesOf(dense), 'wanted', { cache: freshCache(), chunkSize: 120 });
    expect(matchedIds(dense.map((r) => r.id), denseResult).sort()).toEqual(expected(ids.map((_, i) => i).filter((i) => i % 2 === 0)).sort());
    expect(denseResult.read).toBeGreaterThan(dense.length);

    // Every fifth: the key range holds five times the candidates, so they are read key by key.
    const sparse = records.filter((_, i) => i % 5 === 0);
    const sparseResult = await searchSummaries(store.db, candidatesOf(sparse), 'wanted', { cache: freshCache(), chunkSize: 48 });
    expect(matchedIds(sparse.map((r) => r.id), sparseResult).sort()).toEqual(expected(ids.map((_, i) => i).filter((i) => i % 5 === 0)).sort());
    expect(sparseResult.read).toBe(sparse.length);
  });

  it('stops when cancelled: rejects with the abort reason and reports nothing more', async () => {
    const { store, candidates, cache } = await storeWith(Array.from({ length: 9 }, (_, i) => `record ${i}`));
    const controller = new AbortController();
    const reports: number[] = [];
    const search = searchSummaries(store.db, candidates, 'record', {
      cache,
      chunkSize: 2,
      signal: controller.signal,
      onProgress: (p) => {
        reports.push(p.done);
        if (p.done >= 4) controller.abort();
      },
    });
    await expect(search).rejects.toMatchObject({ name: 'AbortError' });
    expect(reports).toEqual([2, 4]);

    const aborted = new AbortController();
    aborted.abort();
    await expect(searchSummaries(store.db, candidates, 'record', { cache, signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('answers a second search from memory, and reads again what was edited, deleted or bulk-written', async () => {
    const { store, ids, candidates, cache } = await storeWith(['alpha one', 'alpha two', 'beta three']);
    const [first, second] = ids;
    if (!first || !second) throw new Error('not created');
    expect((await searchSummaries(store.db, candidates, 'alpha', { cache })).read).toBe(3);
    const again = await searchSummaries(store.db, candidates, 'ALPHA', { cache });
    expect(again.read).toBe(0);
    expect(matchedIds(ids, again)).toEqual([first, second]);

    // An edit of one record drops that record only.
    await store.updateObservation(first, input('gamma one', { observedStart: minutesBefore(0) }), 'Ana');
    const afterEdit = await searchSummaries(store.db, candidates, 'alpha', { cache });
    expect(afterEdit.read).toBe(1);
    expect(matchedIds(ids, afterEdit)).toEqual([second]);
    expect(matchedIds(ids, await searchSummaries(store.db, candidates, 'gamma', { cache }))).toEqual([first]);

    // A record deleted after the filter picked it does not match.
    await store.deleteObservation(second, 'Ana');
    expect(matchedIds(ids, await searchSummaries(store.db, candidates, 'alpha', { cache }))).toEqual([]);

    // A bulk write (Dexie reports it as a range of keys) drops everything.
    await store.createObservations(
      Array.from({ length: 60 }, () => input('delta')),
      profile,
    );
    expect(cache.size).toBe(0);
  });

  it('does not keep a summary read while a write to the records was committing', async () => {
    const { store, ids, cache } = await storeWith(['alpha']);
    const [id] = ids;
    if (!id) throw new Error('not created');
    const epoch = cache.currentEpoch;
    await store.updateObservation(id, input('beta'), 'Ana');
    cache.set(id, 'alpha', epoch);
    expect(cache.get(id)).toBeUndefined();
  });

  it('works over the day index of a filter, as the list uses it', async () => {
    const { store, cache } = await storeWith(['Preševo žena', 'Preševo muškarci', 'Šid žena']);
    await store.createObservations([input('Preševo žena', { observedStart: '2026-02-10T11:00:00.000Z' })], profile);
    const index = await store.queryIndex(march);
    expect(index.ids).toHaveLength(3);
    const result = await searchSummaries(store.db, index, 'presevo zena', { cache });
    expect(result.matched).toBe(1);
  });
});
