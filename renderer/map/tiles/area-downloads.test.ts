import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TileLoadOutcome } from '../../../shared/tiles/tile-cache-contract';
import { countTiles, type TileCoord } from '../../../shared/tiles/tile-math';
import { OSM_STANDARD, type TileSource } from '../../../shared/tiles/tile-source';
import type { TileCache } from '../../platform/tile-cache';
import { openDatabase } from '../../store/database';
import { AreaDownloads, areaRefusal, DOWNLOAD_CONCURRENCY, MAX_AREA_TILES } from './area-downloads';
import { TileAreaStore } from './tile-area-store';

const source: TileSource = {
  id: 'org',
  name: 'Org tiles',
  urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: '© Org',
  maxZoom: 16,
  allowsBulkDownload: true,
};
/** Around Preševo: 2 + 4 + 6 tiles at zoom 10-12 or so; the exact count comes from countTiles. */
const bounds = { west: 21.6, south: 42.25, east: 21.75, north: 42.35 };

const key = (sourceId: string, t: TileCoord) => `${sourceId}/${t.z}/${t.x}/${t.y}`;

/** A tile cache in memory whose network answers can be switched, counting what it was asked. */
function fakeCache() {
  const held = new Map<string, number>();
  const state = {
    answer: 'fetched' as TileLoadOutcome,
    inFlight: 0,
    maxInFlight: 0,
    fetches: [] as string[],
    refuse: new Set<string>(),
    /** Called whenever the download reads the cache, before it answers. */
    onLook: () => {},
    /** After this many fetches the network answers `answer` no more but 'unreachable' (a cut). */
    cutAfter: Number.POSITIVE_INFINITY,
  };
  const cache: TileCache = {
    async load(source, tile, network) {
      state.onLook();
      const k = key(source.id, tile);
      const size = held.get(k);
      if (size !== undefined) return { outcome: 'cached', image: new Blob([new Uint8Array(size)]) };
      if (!network) return { outcome: 'not-cached', image: null };
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      // Answered on a later turn, as the network would: the loads a batch starts overlap.
      await new Promise<void>((resolve) => {
        queueMicrotask(resolve);
      });
      state.inFlight -= 1;
      state.fetches.push(k);
      if (state.fetches.length > state.cutAfter) return { outcome: 'unreachable', image: null };
      if (state.refuse.has(k)) return { outcome: 'refused', image: null };
      if (state.answer !== 'fetched') return { outcome: state.answer, image: null };
      held.set(k, 100);
      return { outcome: 'fetched', image: new Blob([new Uint8Array(100)]) };
    },
    sizes: (sourceId, tiles) => {
      state.onLook();
      return Promise.resolve(tiles.map((t) => held.get(key(sourceId, t)) ?? null));
    },
    remove: (sourceId, tiles) => Promise.resolve(tiles.filter((t) => held.delete(key(sourceId, t))).length),
    viewedUsage: () => Promise.reject(new Error('not used by downloads')),
    trimViewed: () => Promise.reject(new Error('not used by downloads')),
  };
  return { cache, held, state };
}

let n = 0;
function setup(options: { networkAllowed?: () => boolean; viewedTrimSettled?: () => Promise<void> } = {}) {
  const fake = fakeCache();
  const areas = new TileAreaStore(openDatabase(`tile-areas-${++n}`));
  const downloads = new AreaDownloads({
    cache: fake.cache,
    areas,
    sourceOf: (id) => (id === source.id ? source : id === OSM_STANDARD.id ? OSM_STANDARD : null),
    networkAllowed: options.networkAllowed ?? (() => true),
    ...(options.viewedTrimSettled === undefined ? {} : { viewedTrimSettled: options.viewedTrimSettled }),
  });
  return { ...fake, areas, downloads };
}

describe('saved area downloads', () => {
  it('downloads every tile of the area, a few at a time, and records its size', async () => {
    const { downloads, areas, held, state } = setup();
    const row = await downloads.create({ name: 'Preševo', source, bounds, minZoom: 10, maxZoom: 14 });
    await downloads.start(row.id);
    const total = countTiles(bounds, 10, 14);
    expect(await areas.get(row.id)).toMatchObject({ state: 'complete', total, nextIndex: total, cached: total, failed: 0, bytes: total * 100 });
    expect(held.size).toBe(total);
    expect(state.maxInFlight).toBeLessThanOrEqual(DOWNLOAD_CONCURRENCY);
    expect(state.maxInFlight).toBeGreaterThan(1);
  });

  it('waits for a trim of the viewed tiles under way before it looks at the cache', async () => {
    let settle = () => {};
    let trimSettled = false;
    let asked = false;
    const trim = new Promise<void>((resolve) => (settle = resolve)).then(() => {
      trimSettled = true;
    });
    const { downloads, areas, held, state } = setup({
      viewedTrimSettled: () => {
        asked = true;
        return trim;
      },
    });
    // Every read of the cache notes whether the trim had settled by then.
    let looksBeforeTrim = 0;
    state.onLook = () => {
      if (!trimSettled) looksBeforeTrim += 1;
    };
    const row = await downloads.create({ name: 'after trim', source, bounds, minZoom: 10, maxZoom: 11 });
    const tile = { z: 10, x: 573, y: 378 };
    held.set(key('org', tile), 100);
    await expect.poll(async () => (await areas.get(row.id))?.state).toBe('running');
    await expect.poll(() => asked).toBe(true);
    // The trim (which read the areas before this one) removes a tile inside it; the download sees it missing.
    held.delete(key('org', tile));
    settle();
    await downloads.start(row.id);
    expect(await areas.get(row.id)).toMatchObject({ state: 'complete', cached: countTiles(bounds, 10, 11) });
    expect(held.size).toBe(countTiles(bounds, 10, 11));
    expect(looksBeforeTrim).toBe(0);
  });

  it('skips tiles already cached, counting their size', async () => {
    const { downloads, areas, state } = setup();
    const first = await downloads.create({ name: 'a', source, bounds, minZoom: 10, maxZoom: 12 });
    await downloads.start(first.id);
    const fetchedBefore = state.fetches.length;
    const second = await downloads.create({ name: 'b', source, bounds, minZoom: 10, maxZoom: 13 });
    await downloads.start(second.id);
    expect(state.fetches.length - fetchedBefore).toBe(countTiles(bounds, 13, 13));
    expect((await areas.get(second.id))?.bytes).toBe(countTiles(bounds, 10, 13) * 100);
  });

  it('stops without retrying when the server cannot be reached, and resumes where it stopped', async () => {
    const { downloads, areas, state } = setup();
    // A few batches go through, then the network is cut.
    state.cutAfter = 100;
    const row = await downloads.create({ name: 'cut', source, bounds, minZoom: 10, maxZoom: 15 });
    await downloads.start(row.id);
    const stopped = await areas.get(row.id);
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'unreachable' });
    expect(stopped?.nextIndex).toBeLessThan(stopped?.total ?? 0);
    const triesWhileCut = state.fetches.length;

    state.cutAfter = Number.POSITIVE_INFINITY;
    await downloads.start(row.id);
    const done = await areas.get(row.id);
    expect(done).toMatchObject({ state: 'complete', cached: done?.total, bytes: (done?.total ?? 0) * 100 });
    // Each tile reached the network at most once more than it had to: no tile fetched twice after success.
    const successes = state.fetches.slice(triesWhileCut);
    expect(new Set(successes).size).toBe(successes.length);
  });

  it('cancels, keeps the record, and resumes', async () => {
    const { downloads, areas } = setup();
    const row = await downloads.create({ name: 'c', source, bounds, minZoom: 10, maxZoom: 15 });
    await downloads.cancel(row.id);
    expect(await areas.get(row.id)).toMatchObject({ state: 'stopped', stopReason: 'cancelled' });
    expect(downloads.isRunning(row.id)).toBe(false);
    await downloads.start(row.id);
    expect((await areas.get(row.id))?.state).toBe('complete');
  });

  it('does not start while offline or "offline only", and touches no tile', async () => {
    const { downloads, areas, state } = setup({ networkAllowed: () => false });
    const row = await downloads.create({ name: 'd', source, bounds, minZoom: 10, maxZoom: 11 });
    await downloads.start(row.id);
    expect(await areas.get(row.id)).toMatchObject({ state: 'stopped', stopReason: 'offline', nextIndex: 0 });
    expect(state.fetches).toEqual([]);
  });

  it('counts tiles the server does not have, and stops when it refuses everything', async () => {
    const { downloads, areas, state } = setup();
    state.answer = 'refused';
    const row = await downloads.create({ name: 'e', source, bounds, minZoom: 10, maxZoom: 15 });
    await downloads.start(row.id);
    const stopped = await areas.get(row.id);
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'refused' });
    expect(state.fetches.length).toBeLessThan(100);
  });

  it('refuses OpenStreetMap, reversed zooms and areas over the cap', async () => {
    const { downloads, state } = setup();
    expect(areaRefusal({ source: OSM_STANDARD, bounds, minZoom: 10, maxZoom: 11 })).toBe('noBulk');
    await expect(downloads.create({ name: 'osm', source: OSM_STANDARD, bounds, minZoom: 10, maxZoom: 11 })).rejects.toThrow('noBulk');
    expect(areaRefusal({ source, bounds, minZoom: 12, maxZoom: 11 })).toBe('zooms');
    expect(areaRefusal({ source, bounds, minZoom: 10, maxZoom: 17 })).toBe('zooms');
    const wide = { west: 13, south: 39, east: 24, north: 47.5 };
    expect(countTiles(wide, 4, 13)).toBeGreaterThan(MAX_AREA_TILES);
    expect(areaRefusal({ source, bounds: wide, minZoom: 4, maxZoom: 13 })).toBe('tooMany');
    expect(state.fetches).toEqual([]);
  });

  it('deletes an area with the tiles no other saved area holds', async () => {
    const { downloads, areas, held } = setup();
    const small = await downloads.create({ name: 'small', source, bounds, minZoom: 10, maxZoom: 11 });
    await downloads.start(small.id);
    const large = await downloads.create({ name: 'large', source, bounds, minZoom: 10, maxZoom: 13 });
    await downloads.start(large.id);
    await downloads.remove(large.id);
    expect(await areas.get(large.id)).toBeUndefined();
    expect(held.size).toBe(countTiles(bounds, 10, 11));
    await downloads.remove(small.id);
    expect(held.size).toBe(0);
    expect(await areas.list()).toEqual([]);
  });

  it('marks a download left running by a closed app as interrupted', async () => {
    const { areas } = setup();
    const at = '2026-11-27T02:00:00.000Z';
    await areas.put({ id: 'x', createdAt: at, updatedAt: at, name: 'x', sourceId: 'org', bounds, minZoom: 10, maxZoom: 11, total: 6, nextIndex: 2, cached: 2, failed: 0, bytes: 200, state: 'running', stopReason: null });
    expect(await areas.markInterrupted('2026-11-27T03:00:00.000Z')).toBe(1);
    expect(await areas.get('x')).toMatchObject({ state: 'stopped', stopReason: 'closed', nextIndex: 2 });
  });
});
