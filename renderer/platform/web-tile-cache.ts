/** The tile cache of web mode: Cache Storage, filled by fetch(). */
import { MAX_TILE_BYTES, sniffTileImageType } from '../../shared/tiles/image-type';
import { TILE_MAX_AGE_MS } from '../../shared/tiles/tile-cache-contract';
import { isValidTile, type TileCoord } from '../../shared/tiles/tile-math';
import { planViewedTrim, viewedTilesUsage, type CachedTileEntry } from '../../shared/tiles/viewed-tiles';
import { tileUrl } from '../../shared/tiles/tile-source';
import type { TileCache } from './tile-cache';

export const TILE_CACHE_NAME = 'routewatch-tiles-v1';
/** Keys are made-up URLs of our own (Cache Storage wants http URLs), one per source and tile. */
const KEY_ORIGIN = 'https://tile-cache.routewatch.invalid';
const FETCH_TIMEOUT_MS = 20_000;

export function tileCacheKey(sourceId: string, tile: TileCoord): string {
  return `${KEY_ORIGIN}/${encodeURIComponent(sourceId)}/${tile.z}/${tile.x}/${tile.y}`;
}

/** The source and tile of a key; null for a key that is not one of ours. */
export function parseTileCacheKey(key: string): { sourceId: string; tile: TileCoord } | null {
  if (!key.startsWith(`${KEY_ORIGIN}/`)) return null;
  const match = /^([a-z0-9][a-z0-9-]{0,39})\/(\d{1,8})\/(\d{1,8})\/(\d{1,8})$/.exec(key.slice(KEY_ORIGIN.length + 1));
  if (match === null) return null;
  const tile = { z: Number(match[2]), x: Number(match[3]), y: Number(match[4]) };
  return isValidTile(tile) ? { sourceId: match[1] ?? '', tile } : null;
}

/** Entries read at once while listing the cache (each is one `match`). */
const LIST_CONCURRENCY = 64;

/** The bytes of a held tile: the size recorded when it was stored, else its body's. */
async function heldBytes(held: Response): Promise<number> {
  const declared = Number(held.headers.get('x-tile-bytes'));
  return Number.isInteger(declared) && declared > 0 ? declared : (await held.blob()).size;
}

/**
 * Every tile in the cache with its size and stored time, read from the headers written
 * with it (bodies are not read). A tile without a stored time counts as the oldest.
 * Key by key rather than one `matchAll()`: Chromium refuses that on a large cache
 * ("Operation too large" at 10,000 tiles). Listing 10,000 tiles this way took about 3 s
 * in headless Chromium on the shared 2-core machine, which is why the limit is checked
 * from an estimate and not per tile (renderer/map/tiles/viewed-tiles.ts).
 */
async function listEntries(cache: Cache): Promise<CachedTileEntry[]> {
  const requests = await cache.keys();
  const entries: CachedTileEntry[] = [];
  for (let i = 0; i < requests.length; i += LIST_CONCURRENCY) {
    const read = await Promise.all(
      requests.slice(i, i + LIST_CONCURRENCY).map(async (request): Promise<CachedTileEntry | null> => {
        const key = parseTileCacheKey(request.url);
        const held = key === null ? undefined : await cache.match(request);
        if (key === null || held === undefined) return null;
        const storedAt = Number(held.headers.get('x-tile-stored-at'));
        return { ...key, bytes: await heldBytes(held), storedAt: Number.isFinite(storedAt) ? storedAt : 0 };
      }),
    );
    for (const entry of read) if (entry !== null) entries.push(entry);
  }
  return entries;
}

const isTransient = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * `caches` is absent outside a secure context; tiles are then fetched but not kept.
 * Fetches carry no credentials; the browser's own HTTP cache still applies.
 */
export function createWebTileCache(caches: CacheStorage | undefined, fetchFn: typeof fetch, now: () => number = Date.now): TileCache {
  const open = (): Promise<Cache | null> => (caches === undefined ? Promise.resolve(null) : caches.open(TILE_CACHE_NAME));

  return {
    async load(source, tile, network) {
      const sourceId = source.id;
      const url = network ? tileUrl(source, tile) : null;
      const cache = await open();
      const held = await cache?.match(tileCacheKey(sourceId, tile));
      const heldImage = held === undefined ? null : await held.blob();
      const storedAt = Number(held?.headers.get('x-tile-stored-at'));
      const fresh = Number.isFinite(storedAt) && now() - storedAt < TILE_MAX_AGE_MS;
      if (heldImage !== null && (url === null || fresh)) return { outcome: 'cached', image: heldImage };
      if (url === null) return { outcome: 'not-cached', image: null };

      // From here on, a stale tile that cannot be refreshed is still better than none.
      const failed = (outcome: 'refused' | 'unreachable') =>
        heldImage !== null ? ({ outcome: 'cached', image: heldImage } as const) : { outcome, image: null };
      let response: Response;
      try {
        response = await fetchFn(url, { credentials: 'omit', mode: 'cors', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      } catch {
        return failed('unreachable');
      }
      if (response.status !== 200) return failed(isTransient(response.status) ? 'unreachable' : 'refused');
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch {
        return failed('unreachable');
      }
      const type = sniffTileImageType(bytes);
      if (type === null || bytes.length > MAX_TILE_BYTES) return failed('refused');
      const image = new Blob([bytes], { type });
      const headers = { 'content-type': type, 'x-tile-bytes': String(bytes.length), 'x-tile-stored-at': String(now()) };
      await cache?.put(tileCacheKey(sourceId, tile), new Response(image, { headers }));
      return { outcome: 'fetched', image };
    },
    async sizes(sourceId, tiles) {
      const cache = await open();
      if (cache === null) return tiles.map(() => null);
      return Promise.all(
        tiles.map(async (tile) => {
          const held = await cache.match(tileCacheKey(sourceId, tile));
          return held === undefined ? null : heldBytes(held);
        }),
      );
    },
    async remove(sourceId, tiles) {
      const cache = await open();
      if (cache === null) return 0;
      const removed = await Promise.all(tiles.map((tile) => cache.delete(tileCacheKey(sourceId, tile))));
      return removed.filter(Boolean).length;
    },
    async viewedUsage(protect) {
      const cache = await open();
      return cache === null ? { count: 0, bytes: 0 } : viewedTilesUsage(await listEntries(cache), protect);
    },
    async trimViewed(protect, maxBytes, targetBytes) {
      const cache = await open();
      if (cache === null) return { removed: { count: 0, bytes: 0 }, left: { count: 0, bytes: 0 } };
      const plan = planViewedTrim(await listEntries(cache), protect, maxBytes, targetBytes);
      const removed = { count: 0, bytes: 0 };
      for (let i = 0; i < plan.evict.length; i += LIST_CONCURRENCY) {
        const batch = plan.evict.slice(i, i + LIST_CONCURRENCY);
        const gone = await Promise.all(batch.map((entry) => cache.delete(tileCacheKey(entry.sourceId, entry.tile))));
        batch.forEach((entry, j) => {
          // A tile already gone (removed with a saved area meanwhile) is not counted as removed here.
          if (gone[j] === true) {
            removed.count += 1;
            removed.bytes += entry.bytes;
          }
        });
      }
      const total = { count: plan.left.count + plan.removed.count, bytes: plan.left.bytes + plan.removed.bytes };
      return { removed, left: { count: total.count - removed.count, bytes: total.bytes - removed.bytes } };
    },
  };
}
