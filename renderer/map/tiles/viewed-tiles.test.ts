import { describe, expect, it } from 'vitest';
import { lonLatToTile, type TileCoord } from '../../../shared/tiles/tile-math';
import { planViewedTrim, viewedTilesUsage, type CachedTileEntry } from '../../../shared/tiles/viewed-tiles';
import type { TileCache } from '../../platform/tile-cache';
import type { TileAreaRow } from './tile-area-store';
import { ViewedTiles } from './viewed-tiles';

const area: TileAreaRow = {
  id: 'a1',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  name: 'Preševo',
  sourceId: 'org',
  bounds: { west: 21.6, south: 42.25, east: 21.75, north: 42.35 },
  minZoom: 10,
  maxZoom: 10,
  total: 1,
  nextIndex: 0,
  cached: 0,
  failed: 0,
  bytes: 0,
  state: 'stopped',
  stopReason: 'cancelled',
};
const inArea = lonLatToTile(21.7, 42.3, 10);

/** A tile cache in memory that counts its listings (each count or trim lists the whole cache). */
function memoryCache(entries: CachedTileEntry[]) {
  const calls = { listings: 0, trims: [] as [number, number | undefined][] };
  const cache: Pick<TileCache, 'viewedUsage' | 'trimViewed'> = {
    viewedUsage: (protect) => {
      calls.listings += 1;
      return Promise.resolve(viewedTilesUsage(entries, protect));
    },
    trimViewed: (protect, maxBytes, targetBytes) => {
      calls.listings += 1;
      calls.trims.push([maxBytes, targetBytes]);
      const plan = planViewedTrim(entries, protect, maxBytes, targetBytes);
      const gone = new Set(plan.evict);
      entries.splice(0, entries.length, ...entries.filter((e) => !gone.has(e)));
      return Promise.resolve({ removed: plan.removed, left: plan.left });
    },
  };
  return { cache: cache as TileCache, calls, entries };
}

const tileAt = (tile: TileCoord, bytes: number, storedAt: number, sourceId = 'org'): CachedTileEntry => ({ sourceId, tile, bytes, storedAt });

describe('viewed tiles (renderer side)', () => {
  it('lists the cache once at first, then only when the tiles stored pass the limit, and trims to 90%', async () => {
    const { cache, calls, entries } = memoryCache([tileAt(inArea, 5000, 1), tileAt({ z: 10, x: 1, y: 1 }, 300, 2)]);
    const viewed = new ViewedTiles({ cache, areas: () => Promise.resolve([area]), limitBytes: () => 1000 });
    viewed.noteStored(300);
    await expect.poll(() => calls.listings).toBe(1);
    expect(calls.trims).toEqual([[1000, 900]]);

    // 300 + 600 = 900, under the limit: no listing.
    entries.push(tileAt({ z: 10, x: 2, y: 1 }, 600, 3));
    viewed.noteStored(600);
    // A listing, had one been started, would be queued by now; settled() waits for it.
    await viewed.settled();
    expect(calls.listings).toBe(1);

    // Over it (1,300 bytes): the oldest viewed tiles go until at most 900 are left; the
    // saved area's tile (older, larger) stays.
    entries.push(tileAt({ z: 10, x: 3, y: 1 }, 400, 4));
    viewed.noteStored(400);
    await expect.poll(() => calls.listings).toBe(2);
    await expect.poll(() => entries.map((e) => e.storedAt)).toEqual([1, 4]);
    expect(await viewed.usage()).toEqual({ count: 1, bytes: 400 });
  });

  it('clears every viewed tile, never the tiles of a saved area, even one not finished', async () => {
    const { cache, entries } = memoryCache([tileAt(inArea, 5000, 1), tileAt(inArea, 70, 2, 'osm-standard'), tileAt({ z: 11, x: 1, y: 1 }, 30, 3)]);
    const viewed = new ViewedTiles({ cache, areas: () => Promise.resolve([area]), limitBytes: () => 1_000_000 });
    expect(await viewed.usage()).toEqual({ count: 2, bytes: 100 });
    expect(await viewed.clear()).toEqual({ removed: { count: 2, bytes: 100 }, left: { count: 0, bytes: 0 } });
    expect(entries).toEqual([tileAt(inArea, 5000, 1)]);
    expect(await viewed.usage()).toEqual({ count: 0, bytes: 0 });
  });

  it('runs one listing at a time: a clear waits for a trim under way', async () => {
    const order: string[] = [];
    let release = () => {};
    const cache = {
      viewedUsage: () => Promise.resolve({ count: 0, bytes: 0 }),
      trimViewed: async (_p: unknown, maxBytes: number) => {
        order.push(`start ${maxBytes}`);
        if (maxBytes > 0) await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${maxBytes}`);
        return { removed: { count: 0, bytes: 0 }, left: { count: 0, bytes: 0 } };
      },
    } as unknown as TileCache;
    const viewed = new ViewedTiles({ cache, areas: () => Promise.resolve([]), limitBytes: () => 50 });
    const check = viewed.check();
    const clear = viewed.clear();
    await expect.poll(() => order).toEqual(['start 50']);
    release();
    await Promise.all([check, clear]);
    expect(order).toEqual(['start 50', 'end 50', 'start 0', 'end 0']);
  });
});
